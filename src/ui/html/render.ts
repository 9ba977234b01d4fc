import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole page as HTML. preact-render-to-string escapes every text and attribute value; only a chart's SVG (vega's own, itself escaped) goes in raw. */
export const renderPage = (page: VNode): string => `<!doctype html>\n${renderToString(page)}`;

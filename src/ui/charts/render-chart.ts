import { Injectable } from '@nestjs/common';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Lang } from '../i18n/lang';

/** Number and time formats of each language, in d3's terms (vega formats axes with them). */
const LOCALES: Record<Lang, { number: object; time: object }> = {
  nl: {
    number: { decimal: ',', thousands: '.', grouping: [3], currency: ['€ ', ''] },
    time: {
      dateTime: '%a %e %B %Y %X',
      date: '%d-%m-%Y',
      time: '%H:%M:%S',
      periods: ['AM', 'PM'],
      days: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
      shortDays: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
      months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
      shortMonths: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
    },
  },
  en: {
    number: { decimal: '.', thousands: ',', grouping: [3], currency: ['€', ''] },
    time: {
      dateTime: '%a %e %B %Y %X',
      date: '%d/%m/%Y',
      time: '%H:%M:%S',
      periods: ['AM', 'PM'],
      days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
      shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
      months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
      shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    },
  },
};

/** The look every chart shares: the pages' font and colours, no ARIA of vega's own (the figure around it carries the label). */
const CONFIG = {
  font: 'system-ui, "Liberation Sans", sans-serif',
  aria: false,
  background: 'white',
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1b1b1b', titleColor: '#1b1b1b', labelLimit: 320 },
  legend: { labelLimit: 320, labelFontSize: 12, titleFontSize: 12, labelColor: '#1b1b1b', titleColor: '#1b1b1b', orient: 'bottom', direction: 'horizontal' },
  header: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: null },
} as const;

/** Vega may fetch data a spec names by URL; these specs carry their data inline, and nothing is ever fetched. */
const NO_LOADING = vega.loader();
NO_LOADING.load = () => Promise.reject(new Error('charts load nothing: their data is inline'));

/**
 * Renders a Vega-Lite chart to SVG on the server (vega's headless renderer, no canvas, no DOM, nothing
 * sent to the browser but the SVG). Text in the SVG is escaped by vega.
 */
@Injectable()
export class ChartRenderer {
  async svg(spec: TopLevelSpec, lang: Lang): Promise<string> {
    const compiled = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } }).spec;
    const view = new vega.View(vega.parse(compiled), {
      renderer: 'none',
      loader: NO_LOADING,
      locale: LOCALES[lang] as unknown as vega.LocaleFormatters,
      logLevel: vega.Error,
    });
    try {
      // The figure around the chart is its image for assistive technology (its label, and the table
      // beside it); vega's own roles inside would make every bar an unnamed image.
      return (await view.toSVG()).replace(/^<svg /, '<svg aria-hidden="true" focusable="false" ');
    } finally {
      view.finalize();
    }
  }
}

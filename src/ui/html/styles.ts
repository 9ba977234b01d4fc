/**
 * The pages' one style sheet, sent inline (the content security policy allows inline styles, never
 * inline script). Readable on a phone: one column, tables scroll sideways in their own region, charts
 * shrink to the width they have. Colours keep a contrast of at least 4.5:1 (WCAG AA); focus is always visible.
 */
export const STYLES = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif;font-size:100%;line-height:1.5;color:#1b1b1b;background:#fff}
body{margin:0}
a{color:#0b4f8a}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid #c15d00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:2}
.skip:focus{left:.5rem}
header.top{background:#0b3a63;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header.top a{color:#fff}
header.top .app{font-weight:700;text-decoration:none;margin-right:auto}
header.top nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
header.top nav a[aria-current="page"]{font-weight:700;text-decoration-thickness:3px}
header.top form{margin:0}
header.top button{background:transparent;color:#fff;border:1px solid #fff;border-radius:4px;padding:.2rem .6rem;font:inherit;cursor:pointer}
.who{font-size:.9rem;margin:0;flex-basis:100%;color:#fff}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid #e8eef4}
h3{font-size:1.05rem;margin:1.25rem 0 .25rem}
.lead{font-size:1.05rem;max-width:48rem}
form.filters,form.stack{display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:flex-end;margin:.5rem 0 1rem}
form.stack{flex-direction:column;align-items:stretch;max-width:36rem}
label{display:flex;flex-direction:column;font-weight:600;gap:.2rem}
.hint{font-weight:400;font-size:.9rem;color:#4a4a4a}
input,select,textarea{font:inherit;padding:.4rem .5rem;border:1px solid #6b6b6b;border-radius:4px;min-width:12rem;max-width:100%;background:#fff;color:#1b1b1b}
textarea{min-height:8rem}
button.primary,.button{font:inherit;font-weight:600;background:#0b4f8a;color:#fff;border:0;border-radius:4px;padding:.5rem 1rem;cursor:pointer;text-decoration:none;display:inline-block}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem;margin:0 0 1rem;padding:0;list-style:none}
.tile{border:2px solid #c7d3df;border-radius:8px;padding:.75rem 1rem;background:#f7f9fb}
.tile.alert{border-color:#b3261e;background:#fdf1f0}
.tile .n{font-size:2rem;font-weight:700;display:block;line-height:1.2}
.tile a{font-weight:600}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
th,td{border:1px solid #c7d3df;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f6}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code,.id{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em;overflow-wrap:anywhere}
figure{margin:.5rem 0 1rem}
figure .chart svg{max-width:100%;height:auto}
figcaption{font-size:.9rem;color:#4a4a4a;max-width:48rem}
details{margin:.5rem 0 1rem}
summary{cursor:pointer;font-weight:600}
.badge{display:inline-block;border-radius:999px;padding:0 .55rem;font-size:.85rem;font-weight:600;border:1px solid currentColor;white-space:nowrap}
.ok{color:#1d6b2f}
.bad{color:#b3261e}
.warn{color:#8a4b00}
.muted{color:#4a4a4a}
.notice{border-left:4px solid #0b4f8a;background:#eef2f6;padding:.5rem 1rem;margin:1rem 0}
.notice.bad{border-color:#b3261e;background:#fdf1f0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.5rem;border-radius:4px;font-size:.85rem}
@media (max-width:40rem){main{padding:.75rem}h1{font-size:1.35rem}input,select,textarea{min-width:0;width:100%}form.filters label{width:100%}}
`;

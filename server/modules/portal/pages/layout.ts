import { html, type SafeHtml } from '../../../platform/http/html.ts';

export interface PageOptions {
  title: string;
  large: boolean;
  path: string;
  description?: string;
}

/** The frame of every public page: semantic, readable without CSS or JavaScript, with a large-text switch (适老化). */
export function layout(o: PageOptions, body: SafeHtml): SafeHtml {
  const next = o.large ? 'normal' : 'large';
  return html`<!doctype html>
<html lang="zh-CN"${o.large ? html` class="large"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · 连心桥</title>
${o.description ? html`<meta name="description" content="${o.description}">` : ''}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/public.css">
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="site">
  <a class="brand" href="/"><strong>连心桥</strong><span>人大代表联络站</span></a>
  <nav aria-label="站点导航">
    <a href="/">联络站</a>
    <a href="/track">查询办理进展</a>
    <a href="/results">办理结果</a>
    <a href="/suggestions">代表建议</a>
    <a href="/projects">民生实事</a>
    <a href="/stats">统计数据</a>
    <a href="/reports">月度报告</a>
    <a class="textsize" href="/prefs/text-size?size=${next}&amp;back=${encodeURIComponent(o.path)}">${o.large ? '标准字体' : '大字模式'}</a>
  </nav>
</header>
<main id="main">
${body}
</main>
<footer class="site">
  <p>选民群众可以到联络站当面反映问题，也可以扫描联络站二维码在线反映。个人信息依法保护，不会公开。</p>
  <p><a href="/console/">工作人员登录</a> · <a href="/api/docs">开放接口</a></p>
</footer>
</body>
</html>`;
}

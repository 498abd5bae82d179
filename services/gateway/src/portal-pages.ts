const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a browser gets before the portal is built: a page in Chinese and English, not a blank 404. */
export function notBuiltPage(portalDist: string): string {
  const folder = escapeHtml(portalDist);
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>门户尚未构建 · Portal not built</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2329;line-height:1.6}code{background:#f2f3f5;padding:0 .3em;border-radius:3px}</style>
</head>
<body>
<h1>门户尚未构建</h1>
<p>网关已启动，接口 <code>/api/…</code> 可以使用，但在 <code>${folder}</code> 中没有找到门户的构建文件（index.html）。请先构建门户（<code>npm start</code> 会自动构建），然后刷新本页。</p>
<h1 lang="en">Portal not built</h1>
<p lang="en">The gateway is running and <code>/api/…</code> works, but the portal's built files (index.html) are not in <code>${folder}</code>. Build the portal (<code>npm start</code> does), or set <code>PORTAL_DIST</code>, then reload this page.</p>
</body>
</html>
`;
}

#!/usr/bin/env bash
# Renders a Markdown file (a `headroom diff --format markdown|github` comment) as GitHub renders it and screenshots it
# in headless Chromium at 1200 px: marked (GitHub-flavoured Markdown) and github-markdown-css, from the npm registry
# into a temporary folder; GitHub's alerts (> [!CAUTION]) and <details> (opened) as GitHub shows them.
# Usage: scripts/markdown-screenshot.sh COMMENT.md OUT.png [HEIGHT]
set -euo pipefail
md="$(realpath "$1")"; out="$(realpath -m "$2")"; height="${3:-900}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y > /dev/null && npm install --silent --no-audit --no-fund marked@12 github-markdown-css@5 > /dev/null)
cat > "$work/render.js" <<'JS'
const fs = require('fs');
const { marked } = require('./node_modules/marked');
const css = fs.readFileSync('./node_modules/github-markdown-css/github-markdown-light.css', 'utf8');
let html = marked.parse(fs.readFileSync(process.argv[2], 'utf8'), { gfm: true });
html = html.replace(/<blockquote>\s*<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/g, (m, kind) =>
  `<div class="markdown-alert markdown-alert-${kind.toLowerCase()}"><p class="markdown-alert-title">${kind[0] + kind.slice(1).toLowerCase()}</p><p>`)
  .replace(/(<div class="markdown-alert[^]*?)<\/blockquote>/g, '$1</div>')
  .replace(/<details>/g, '<details open>');
fs.writeFileSync(process.argv[3], `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; } .markdown-body { box-sizing: border-box; width: 1200px; padding: 24px 32px; }
.markdown-alert { padding: 8px 16px; margin-bottom: 16px; border-left: .25em solid #cf222e; }
.markdown-alert-title { font-weight: 600; color: #cf222e; margin-bottom: 4px; }</style></head>
<body><article class="markdown-body">${html}</article></body></html>`);
JS
(cd "$work" && node render.js "$md" "$work/page.html")
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size=1200,"$height" --screenshot="$out" "file://$work/page.html" 2> /dev/null
echo "wrote $out"

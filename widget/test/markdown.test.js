// `npm test`: the markdown renderer never lets HTML or script URLs through.
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderMarkdown } from "../src/markdown.js";

test("raw HTML is escaped, never rendered", () => {
  assert.equal(
    renderMarkdown("<img src=x onerror=alert(1)>").trim(),
    "<p>&lt;img src=x onerror=alert(1)&gt;</p>",
  );
  assert.ok(!renderMarkdown("<script>alert(1)</script>").includes("<script"));
});

test("links open in a new tab without an opener; script URLs are not links", () => {
  assert.equal(
    renderMarkdown("[book](https://clinic.example/book)").trim(),
    '<p><a href="https://clinic.example/book" target="_blank" rel="noopener noreferrer">book</a></p>',
  );
  for (const url of ["javascript:alert(1)", "data:text/html,hi", "vbscript:x", "/relative"]) {
    assert.ok(!renderMarkdown(`[x](${url})`).includes("<a"), url);
  }
});

test("bold, italics and lists are rendered; images are not", () => {
  const html = renderMarkdown("**bold** _it_\n- a\n- b");
  assert.match(html, /<strong>bold<\/strong> <em>it<\/em>/);
  assert.match(html, /<ul>\n<li>a<\/li>\n<li>b<\/li>\n<\/ul>/);
  assert.ok(!renderMarkdown("![x](https://tracker.example/p.png)").includes("<img"));
});

// Safe markdown for the assistant's messages: markdown-it with raw HTML disabled, no images,
// and links limited to http(s)/mailto/tel that open in a new tab without an opener.
import MarkdownIt from "markdown-it";

const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

const md = new MarkdownIt({
  html: false, // "<b>" in a message is shown as text, never parsed
  linkify: true,
  breaks: true,
  typographer: false,
});
md.disable(["image", "html_inline", "html_block"], true);
md.validateLink = (url) => SAFE_LINK.test(String(url).trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ||
  ((tokens, idx, options, env, self) => self.renderToken(tokens, idx, options));

md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  token.attrSet("target", "_blank");
  token.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** HTML for a bot message (escaped; only markdown's own tags). */
export function renderMarkdown(text) {
  return md.render(String(text == null ? "" : text));
}

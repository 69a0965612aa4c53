// The code editor (issue 13): CodeMirror 6 with its Python mode, bundled by esbuild
// (scripts/build-editor.mjs, run from scripts/postbuild.mjs) into one ES module at
// dist/editor/<hash>/editor.mjs. Not precached: the page imports it on the first 编辑 (or on a
// page that shows an edited block), and the service worker keeps it in its own cache
// (public/sw.js), so it works offline after first use. The page (src/ui/pyedit.rs) calls:
//
//   open(host, code, { wrap, label, minHeight, onChange }) → editor
//   editor.code() → string;  editor.setCode(text);  editor.setWrap(bool);  editor.focus();
//   editor.destroy()
//
// The editor lives in a shadow root on its host element: CodeMirror then puts its styles into
// the root's adoptedStyleSheets (constructed style sheets, which the page's CSP, style-src
// 'self', does not govern) instead of a <style> element, which that CSP blocks. Its colours are
// the notes' own (style/main.css's --tok-* and theme variables, which inherit into the root),
// light and dark.
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { EditorState, Compartment, Prec } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { indentOnInput, indentUnit, bracketMatching, syntaxHighlighting, HighlightStyle } from "@codemirror/language";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { tags as t } from "@lezer/highlight";
import { python } from "@codemirror/lang-python";

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword, t.bool, t.null, t.self], color: "var(--tok-kw)" },
  { tag: [t.string, t.special(t.string)], color: "var(--tok-str)" },
  { tag: t.comment, color: "var(--tok-com)", fontStyle: "italic" },
  { tag: t.number, color: "var(--tok-num)" },
  { tag: [t.function(t.definition(t.variableName)), t.definition(t.className)], color: "var(--tok-fn)" },
  { tag: t.function(t.variableName), color: "var(--tok-bi)" },
  { tag: t.meta, color: "var(--tok-dec)" },
]);

const theme = EditorView.theme({
  "&": { color: "var(--fg)", backgroundColor: "var(--card)", fontSize: ".9rem", maxHeight: "36rem" },
  "&.cm-focused": { outline: "2px solid var(--accent)", outlineOffset: "-1px" },
  ".cm-scroller": { fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace', lineHeight: "1.5" },
  ".cm-gutters": { backgroundColor: "transparent", color: "var(--muted)", borderRight: "1px solid var(--line)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "color-mix(in srgb, var(--accent) 8%, transparent)" },
  ".cm-content": { caretColor: "var(--fg)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "color-mix(in srgb, var(--accent) 25%, transparent)" },
  ".cm-matchingBracket": { backgroundColor: "color-mix(in srgb, var(--accent) 20%, transparent)", outline: "1px solid var(--accent)" },
});

export function open(host, code, { wrap = false, label = "Python", minHeight = "", onChange } = {}) {
  const root = host.shadowRoot || host.attachShadow({ mode: "open" });
  const wrapping = new Compartment();
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: code,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        python(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        syntaxHighlighting(highlight),
        theme,
        minHeight ? EditorView.theme({ ".cm-content, .cm-gutter": { minHeight } }) : [],
        wrapping.of(wrap ? EditorView.lineWrapping : []),
        EditorView.contentAttributes.of({ "aria-label": label, autocapitalize: "off", autocorrect: "off", spellcheck: "false" }),
        // Ctrl/⌘+Enter runs: the page's own key handler (src/ui/pyrun.rs) sees it; here it
        // only must not insert a line (the default keymap's insertBlankLine).
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => true }])),
        // Tab indents, Shift+Tab dedents; Esc then Tab leaves the editor (CodeMirror's tab focus mode).
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && onChange) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    code: () => view.state.doc.toString(),
    setCode: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    setWrap: (on) => view.dispatch({ effects: wrapping.reconfigure(on ? EditorView.lineWrapping : []) }),
    focus: () => view.focus(),
    destroy: () => {
      view.destroy();
      root.replaceChildren();
    },
  };
}

//! What the integration tests share: a temporary folder of their own, removed afterwards.

use std::path::PathBuf;

/// A fresh folder under the system's temporary folder, named after the test and the
/// process (tests run in parallel), deleted when dropped.
pub(crate) struct TempDir(pub(crate) PathBuf);

impl TempDir {
    pub(crate) fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("blogtool-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Writes `text` to `file` (a path inside), creating its folders.
    pub(crate) fn write(&self, file: &str, text: &str) {
        let path = self.0.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The text of `file` (a path inside); panics naming it when there is none.
    #[allow(dead_code)] // Not every test file reads back.
    pub(crate) fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.0.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A built app as `scripts/build-app.sh` lays it out, in miniature: Trunk's `index.html`
/// under the placeholder path, the files it names, the card's loader, `app.txt`.
#[allow(dead_code)] // Not every test file builds a site.
pub(crate) fn stand_in_app(dir: &TempDir) -> PathBuf {
    let b = "/__blogtool_base__/";
    dir.write(
        "app/index.html",
        &format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"utf-8\" />\n    <title>Rustblog</title>\n    <link rel=\"stylesheet\" href=\"{b}style-1.css\" integrity=\"sha384-x\"/>\n    <link rel=\"modulepreload\" href=\"{b}rustblog-1.js\" crossorigin=\"anonymous\">\n    <link rel=\"preload\" href=\"{b}rustblog-1_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\">\n<script type=\"module\">\nimport init, * as bindings from '{b}rustblog-1.js';\nconst wasm = await init({{ module_or_path: '{b}rustblog-1_bg.wasm' }});\n</script>\n  </head>\n  <body>\n    <div id=\"app\"></div>\n    <noscript><p>Needs JavaScript while you write.</p></noscript>\n  </body>\n</html>\n"
        ),
    );
    dir.write("app/style-1.css", "body { margin: 0 }\n");
    dir.write("app/rustblog-1.js", "export default function init() {}\n");
    dir.write("app/rustblog-1_bg.wasm", "\0asm");
    dir.write("app/favicon.svg", "<svg>app</svg>");
    dir.write(
        "app/embed/author-card.js",
        "const CSS = `.card { color: red }`;\ncustomElements.define('author-card', class {});\n",
    );
    dir.write("app/app.txt", &format!("public_url {b}\nprofile release\n"));
    dir.0.join("app")
}

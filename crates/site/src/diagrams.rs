//! Mermaid diagrams drawn as SVG pictures when a blog is built, by the Mermaid script inside
//! `blogtool` (taken from the checkout's npm packages when blogtool is compiled) in the
//! machine's Chromium, driven over the DevTools protocol: a Chromium (or Chrome, or Edge)
//! is all a machine needs. Readers then get pictures: no diagram code in any page, nothing
//! for the content policy to allow, the same result with JavaScript off.

use std::io::Read;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};
use tungstenite::{Message, WebSocket};

include!(concat!(env!("OUT_DIR"), "/mermaid.rs"));

/// The light and dark pictures of one diagram.
pub struct Drawn {
    /// SVG in Mermaid's default theme.
    pub light: String,
    /// SVG in its dark theme.
    pub dark: String,
}

/// Why a diagram was not drawn.
#[derive(Debug)]
pub enum NotDrawn {
    /// Mermaid refused its source (said with Mermaid's first line): it will refuse it again.
    Refused(String),
    /// The browser failed or took too long: another try may draw it.
    Failed(String),
}

/// How long one step may take before the browser is given up on (a diagram Mermaid loops
/// on must not stop a build, or `serve`, for good).
const STEP: Duration = Duration::from_secs(30);

/// Draws each source, in order: the pictures, or what Mermaid said about the source.
///
/// # Errors
/// When nothing can be drawn on this machine: no Mermaid in this blogtool, no browser, or a
/// browser that cannot be started or driven; the message says which.
pub fn draw(sources: &[String]) -> Result<Vec<std::result::Result<Drawn, NotDrawn>>> {
    let script = mermaid_script()?;
    let browser = find_browser()
        .context("no Chromium, Chrome or Edge found (install one, or name it in BLOG_CHROMIUM)")?;
    let mut session = Browser::start(&browser)?;
    session
        .evaluate(&script, false)
        .context("cannot load Mermaid")?;
    let mut drawn = Vec::with_capacity(sources.len());
    // After a diagram that did not finish, the page is still busy with it: the others are
    // not tried (each would wait as long again).
    let mut stuck = false;
    for (i, source) in sources.iter().enumerate() {
        if stuck {
            drawn.push(Err(NotDrawn::Failed(
                "not tried: an earlier diagram did not finish".to_string(),
            )));
            continue;
        }
        let mut one = || -> std::result::Result<Drawn, NotDrawn> {
            let mut render = |theme: &str| -> std::result::Result<String, NotDrawn> {
                let call = format!(
                    "(async () => {{ window.mermaid.initialize({{ startOnLoad: false, securityLevel: 'strict', theme: {theme:?}, htmlLabels: false, flowchart: {{ htmlLabels: false }} }}); const {{ svg }} = await window.mermaid.render({id:?}, {source}); return svg; }})()",
                    id = format!("diagram-{i}-{theme}"),
                    source = Value::from(source.as_str()),
                );
                match session.evaluate(&call, true) {
                    Ok(Value::String(svg)) => Ok(with_size(&svg)),
                    Ok(other) => Err(NotDrawn::Refused(format!("Mermaid returned {other}"))),
                    Err(e) if e.is::<Refused>() => Err(NotDrawn::Refused(format!("{e:#}"))),
                    Err(e) => Err(NotDrawn::Failed(format!("{e:#}"))),
                }
            };
            Ok(Drawn {
                light: render("default")?,
                dark: render("dark")?,
            })
        };
        let result = one();
        stuck = matches!(result, Err(NotDrawn::Failed(_)));
        drawn.push(result);
    }
    Ok(drawn)
}

/// The Mermaid script inside this blogtool.
fn mermaid_script() -> Result<String> {
    let Some(packed) = MERMAID_GZ else {
        bail!("this blogtool was built without Mermaid (its checkout had no node_modules/mermaid)");
    };
    let mut script = String::new();
    flate2::read::GzDecoder::new(packed)
        .read_to_string(&mut script)
        .context("the Mermaid script inside blogtool is damaged")?;
    Ok(script)
}

/// The browser to draw with: `BLOG_CHROMIUM`, else the first Chromium, Chrome or Edge found
/// on the `PATH` or where they install themselves.
fn find_browser() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("BLOG_CHROMIUM").filter(|n| !n.is_empty()) {
        return Some(PathBuf::from(named));
    }
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
        "chrome",
        "microsoft-edge",
        "msedge",
    ];
    let on_path = std::env::var_os("PATH").into_iter().flat_map(|path| {
        std::env::split_paths(&path)
            .flat_map(|dir| {
                names
                    .iter()
                    .flat_map(move |name| [dir.join(name), dir.join(format!("{name}.exe"))])
            })
            .collect::<Vec<_>>()
    });
    let installed = [
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
        r"C:\Program Files\Google\Chrome\Application\chrome.exe",
        r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
        r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
        r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
    ]
    .map(PathBuf::from);
    on_path.chain(installed).find(|p| p.is_file())
}

/// What the page's script threw: Mermaid refusing a source.
#[derive(Debug)]
struct Refused(String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// A headless browser with one page, driven over the DevTools protocol.
struct Browser {
    child: Child,
    profile: PathBuf,
    socket: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
}

impl Browser {
    /// Starts `program` headless with a profile of its own and opens a blank page.
    fn start(program: &Path) -> Result<Browser> {
        static STARTED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let profile = std::env::temp_dir().join(format!(
            "blogtool-chromium-{}-{}",
            std::process::id(),
            STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&profile)
            .with_context(|| format!("cannot create {}", profile.display()))?;
        let spawned = Command::new(program)
            .args([
                "--headless=new",
                // As Playwright runs it: the page holds the author's own diagram and no network.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&profile);
                return Err(e).with_context(|| format!("cannot start {}", program.display()));
            }
        };
        let socket = match connect_when_ready(&profile, Duration::from_secs(20)) {
            Ok(socket) => socket,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = std::fs::remove_dir_all(&profile);
                return Err(e.context(format!("{} did not start", program.display())));
            }
        };
        let mut browser = Browser {
            child,
            profile,
            socket,
            session: String::new(),
            next_id: 0,
        };
        let target = browser.call("Target.createTarget", json!({ "url": "about:blank" }), None)?;
        let target_id = target["targetId"].as_str().unwrap_or_default().to_string();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
            None,
        )?;
        browser.session = attached["sessionId"]
            .as_str()
            .context("the browser opened no page")?
            .to_string();
        Ok(browser)
    }

    /// Evaluates `expression` in the page (awaiting it when it is a promise) and returns its
    /// value; an exception is an error with its first line.
    fn evaluate(&mut self, expression: &str, await_promise: bool) -> Result<Value> {
        let session = self.session.clone();
        let result = self.call(
            "Runtime.evaluate",
            json!({
                "expression": expression,
                "awaitPromise": await_promise,
                "returnByValue": true,
            }),
            Some(&session),
        )?;
        if let Some(details) = result.get("exceptionDetails") {
            let text = details["exception"]["description"]
                .as_str()
                .or(details["text"].as_str())
                .unwrap_or("an error");
            return Err(Refused(text.lines().next().unwrap_or(text).to_string()).into());
        }
        Ok(result["result"]["value"].clone())
    }

    /// Sends one command and waits for its answer (events in between are skipped).
    fn call(&mut self, method: &str, params: Value, session: Option<&str>) -> Result<Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .with_context(|| format!("cannot send {method} to the browser"))?;
        let started = Instant::now();
        loop {
            if started.elapsed() > STEP {
                bail!(
                    "the browser did not answer {method} within {} s",
                    STEP.as_secs()
                );
            }
            let answer = match self.socket.read() {
                Ok(Message::Text(text)) => text,
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue
                }
                Err(e) => return Err(anyhow!("the browser went away: {e}")),
            };
            let answer: Value = serde_json::from_str(answer.as_str())
                .context("the browser answered something that is not JSON")?;
            if answer["id"].as_u64() != Some(id) {
                continue;
            }
            if let Some(error) = answer.get("error") {
                bail!(
                    "{method}: {}",
                    error["message"].as_str().unwrap_or("failed")
                );
            }
            return Ok(answer["result"].clone());
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.socket.close(None);
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Connects to the browser whose profile is `profile` once it has written where it listens
/// (`DevToolsActivePort`: the port, then the browser's path), waiting up to `wait`.
fn connect_when_ready(profile: &Path, wait: Duration) -> Result<WebSocket<TcpStream>> {
    let file = profile.join("DevToolsActivePort");
    let started = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(&file) {
            let mut lines = text.lines();
            if let (Some(port), Some(path)) = (lines.next(), lines.next()) {
                let address = format!("127.0.0.1:{}", port.trim());
                let stream = TcpStream::connect(&address)
                    .with_context(|| format!("cannot connect to the browser at {address}"))?;
                let url = format!("ws://{address}{}", path.trim());
                let (socket, _) = tungstenite::client(url.as_str(), stream)
                    .map_err(|e| anyhow!("cannot talk to the browser: {e}"))?;
                // Short reads from here on, so a step's own time limit is kept.
                socket
                    .get_ref()
                    .set_read_timeout(Some(Duration::from_secs(1)))?;
                return Ok(socket);
            }
        }
        if started.elapsed() >= wait {
            bail!("it wrote no DevToolsActivePort");
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The SVG with the size of its view box, so an `<img>` of it has one (Mermaid writes
/// `width="100%"` and a `max-width` style on the root element).
pub fn with_size(svg: &str) -> String {
    let Some(tag_end) = svg.find('>') else {
        return svg.to_string();
    };
    let (tag, rest) = svg.split_at(tag_end);
    let view_box = tag
        .split("viewBox=\"")
        .nth(1)
        .and_then(|v| v.split('"').next());
    let size: Vec<&str> = view_box.map(|v| v.split(' ').collect()).unwrap_or_default();
    let [_, _, width, height] = size[..] else {
        return svg.to_string();
    };
    if ![width, height]
        .iter()
        .all(|n| !n.is_empty() && n.parse::<f64>().is_ok_and(|n| n >= 0.0))
    {
        return svg.to_string();
    }
    let mut tag = tag.replacen(
        " width=\"100%\"",
        &format!(" width=\"{width}\" height=\"{height}\""),
        1,
    );
    if let Some(at) = tag.find(" style=\"max-width: ") {
        if let Some(end) = tag[at + 1..].find("px;\"") {
            tag.replace_range(at..at + 1 + end + 4, "");
        }
    }
    format!("{tag}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pictures_size_is_its_view_box() {
        let cases = [
            (
                "<svg id=\"d\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\" style=\"max-width: 220.5px;\" viewBox=\"-8 -8 220.5 94\"><g/></svg>",
                "<svg id=\"d\" width=\"220.5\" height=\"94\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-8 -8 220.5 94\"><g/></svg>",
            ),
            // No view box, or one that is not four numbers: left as it is.
            ("<svg width=\"100%\"><g/></svg>", "<svg width=\"100%\"><g/></svg>"),
            (
                "<svg width=\"100%\" viewBox=\"0 0 x 9\"></svg>",
                "<svg width=\"100%\" viewBox=\"0 0 x 9\"></svg>",
            ),
            // Only the root element is changed.
            (
                "<svg width=\"100%\" viewBox=\"0 0 10 20\"><rect width=\"100%\"/></svg>",
                "<svg width=\"10\" height=\"20\" viewBox=\"0 0 10 20\"><rect width=\"100%\"/></svg>",
            ),
            ("not svg", "not svg"),
        ];
        for (svg, want) in cases {
            assert_eq!(with_size(svg), want, "{svg}");
        }
    }
}

//! The folder a build writes into, and what it knows of its files: a build run again over
//! the same folder (`blogtool serve`, through [`crate::site::Site::update`]) writes only the
//! files whose content changed, renders again only the pages whose inputs changed, and
//! deletes the files the new build no longer makes, so the site on disk is always exactly
//! what a whole build would write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

/// What is known of one written file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    /// A hash of its bytes (or, for a copied file, of its source's name, size and time).
    content: u64,
    /// A hash of what it was made from, for files made by [`Output::make`].
    inputs: Option<u64>,
}

/// The output folder of one build (see the module's documentation).
pub struct Output {
    root: PathBuf,
    /// Whether to remember the files written, for the next build over this folder (a
    /// release build writes once: it hashes nothing).
    remember: bool,
    /// The previous build's files, by path under `root`.
    before: HashMap<PathBuf, Entry>,
    /// This build's files so far.
    now: Mutex<HashMap<PathBuf, Entry>>,
    /// The files this build actually wrote (or copied), by path under `root`.
    written: Mutex<Vec<PathBuf>>,
}

/// A 64-bit hash of `bytes` (xxh3: only compared with the same file's earlier hash).
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// A 64-bit hash of `parts` in order, each with its length (so no two lists of parts hash
/// alike by their joins): a key made of large texts without copying them into one.
pub fn hash_parts(parts: &[&[u8]]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.digest()
}

impl Output {
    /// A build into `root` (created if missing) from scratch; `remember` keeps what it
    /// writes for [`Output::next`].
    pub fn new(root: &Path, remember: bool) -> Result<Output> {
        std::fs::create_dir_all(root)
            .with_context(|| format!("cannot create {}", root.display()))?;
        Ok(Output {
            root: root.to_path_buf(),
            remember,
            before: HashMap::new(),
            now: Mutex::new(HashMap::new()),
            written: Mutex::new(Vec::new()),
        })
    }

    /// Another build over the same folder, which knows what this one wrote.
    pub fn next(self) -> Output {
        Output {
            before: self.now.into_inner().unwrap_or_else(|e| e.into_inner()),
            now: Mutex::new(HashMap::new()),
            written: Mutex::new(Vec::new()),
            ..self
        }
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the file or folder at a site path (`/posts/x/`) is.
    pub fn at(&self, site_path: &str) -> PathBuf {
        self.root.join(site_path.trim_start_matches('/'))
    }

    /// `path` under the root, whether given under it or from it.
    fn key(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }

    /// Whether this build has put a file at `path` (under the root or from it) so far.
    pub fn has(&self, path: &Path) -> bool {
        if !self.remember {
            return self.root.join(self.key(path)).exists();
        }
        self.now
            .lock()
            .is_ok_and(|now| now.contains_key(&self.key(path)))
    }

    /// Records `entry` for `key`; true when the previous build left a file with the same
    /// content there (and this build has not put another there yet).
    fn record(&self, key: &Path, entry: Entry) -> bool {
        if !self.remember {
            return false;
        }
        let Ok(mut now) = self.now.lock() else {
            return false;
        };
        // A file put twice in one build (the blog's own file over the app's) is written
        // each time: the disk holds the first one by now.
        let again = now.insert(key.to_path_buf(), entry).is_some();
        !again
            && self
                .before
                .get(key)
                .is_some_and(|before| before.content == entry.content)
    }

    /// Writes a file (`path` under the root or from it), creating its folder, unless the
    /// previous build wrote the same bytes there. Errors name the file.
    pub fn write(&self, path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
        let key = self.key(path);
        let contents = contents.as_ref();
        let entry = Entry {
            content: if self.remember { hash(contents) } else { 0 },
            inputs: None,
        };
        if self.record(&key, entry) {
            return Ok(());
        }
        self.put(&key, contents)
    }

    /// Writes the file `make` returns, unless the previous build made it from the same
    /// `inputs` (a hash of everything `make` reads): then `make` is not even called. Made
    /// again with the same bytes, it is not written either.
    pub fn make(
        &self,
        path: &Path,
        inputs: u64,
        make: impl FnOnce() -> Result<String>,
    ) -> Result<()> {
        let key = self.key(path);
        // Only where nothing else of this build is there yet (a blog's own `404.html`, an
        // alias's redirect): the page then goes over it, as in a whole build.
        if self.remember && !self.has(&key) {
            if let Some(before) = self.before.get(&key).filter(|e| e.inputs == Some(inputs)) {
                self.record(&key, *before);
                return Ok(());
            }
        }
        let contents = make()?;
        let entry = Entry {
            content: if self.remember {
                hash(contents.as_bytes())
            } else {
                0
            },
            inputs: Some(inputs),
        };
        if self.record(&key, entry) {
            return Ok(());
        }
        self.put(&key, contents.as_bytes())
    }

    /// Copies the file `from` to `path`, unless the previous build copied it already (the
    /// same source, size and modification time).
    pub fn copy(&self, from: &Path, path: &Path) -> Result<()> {
        let key = self.key(path);
        let entry = Entry {
            content: if self.remember {
                let stamp = std::fs::metadata(from)
                    .ok()
                    .map(|m| (m.len(), m.modified().ok()));
                hash(format!("{}\n{stamp:?}", from.display()).as_bytes())
            } else {
                0
            },
            inputs: None,
        };
        if self.record(&key, entry) {
            return Ok(());
        }
        let target = self.root.join(&key);
        create_parent(&target)?;
        std::fs::copy(from, &target)
            .with_context(|| format!("cannot copy {} to {}", from.display(), target.display()))?;
        self.wrote(key);
        Ok(())
    }

    /// Writes `contents` at `key`, one file at a time from however many threads: parallel
    /// creates in one folder contend for its lock in the kernel (a fifth of publishing
    /// 10,000 posts was spent spinning on it), while pages still render on every core.
    /// A folder that is being served (`remember`) gets each file whole: written beside it,
    /// then renamed over it, so a request meanwhile reads the old file or the new one.
    fn put(&self, key: &Path, contents: &[u8]) -> Result<()> {
        static WRITING: Mutex<()> = Mutex::new(());
        let _one_at_a_time = WRITING.lock();
        let path = self.root.join(key);
        create_parent(&path)?;
        let written = if self.remember {
            let mut name = path.file_name().unwrap_or_default().to_os_string();
            name.push(".blogtool-new");
            let beside = path.with_file_name(name);
            std::fs::write(&beside, contents).and_then(|()| std::fs::rename(&beside, &path))
        } else {
            std::fs::write(&path, contents)
        };
        written.with_context(|| format!("cannot write {}", path.display()))?;
        self.wrote(key.to_path_buf());
        Ok(())
    }

    fn wrote(&self, key: PathBuf) {
        if self.remember {
            if let Ok(mut written) = self.written.lock() {
                written.push(key);
            }
        }
    }

    /// Ends the build: deletes the files the previous build wrote and this one did not (a
    /// post taken away, a list page fewer), and the folders that leaves empty. Returns the
    /// paths (under the root) this build wrote, sorted: none when it does not remember.
    pub fn finish(&self) -> Vec<PathBuf> {
        let now = self.now.lock().map(|n| n.clone()).unwrap_or_default();
        for gone in self.before.keys().filter(|k| !now.contains_key(*k)) {
            let path = self.root.join(gone);
            if std::fs::remove_file(&path).is_ok() {
                // Its folders, up to the root, while they are empty.
                let mut folder = path.parent();
                while let Some(dir) = folder.filter(|d| *d != self.root) {
                    if std::fs::remove_dir(dir).is_err() {
                        break;
                    }
                    folder = dir.parent();
                }
            }
        }
        let mut written = self.written.lock().map(|w| w.clone()).unwrap_or_default();
        written.sort();
        written.dedup();
        written
    }
}

fn create_parent(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("blogtool-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_build_again_writes_only_what_changed_and_deletes_what_went() {
        let dir = folder("again");
        let first = Output::new(&dir, true).unwrap();
        first.write(Path::new("a.txt"), "one").unwrap();
        first.write(&dir.join("posts/b.txt"), "two").unwrap();
        first.write(Path::new("old/c.txt"), "three").unwrap();
        first
            .make(Path::new("page.html"), 7, || Ok("<p>1</p>".into()))
            .unwrap();
        assert_eq!(first.finish().len(), 4);

        let second = first.next();
        second.write(Path::new("a.txt"), "one").unwrap();
        second.write(Path::new("posts/b.txt"), "TWO").unwrap();
        // Same inputs: not made again, and the file stays.
        second
            .make(Path::new("page.html"), 7, || panic!("made again"))
            .unwrap();
        assert_eq!(second.finish(), vec![PathBuf::from("posts/b.txt")]);
        assert_eq!(
            std::fs::read_to_string(dir.join("posts/b.txt")).unwrap(),
            "TWO"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("page.html")).unwrap(),
            "<p>1</p>"
        );
        assert!(
            !dir.join("old").exists(),
            "a file no longer made goes, and its folder"
        );

        let third = second.next();
        third
            .make(Path::new("page.html"), 8, || Ok("<p>2</p>".into()))
            .unwrap();
        assert_eq!(third.finish(), vec![PathBuf::from("page.html")]);
        assert!(!dir.join("a.txt").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_page_made_over_a_file_of_the_same_build_is_made_again() {
        // A blog's own 404.html is copied, then the 404 page goes over it: in every build,
        // even when the page's inputs did not change.
        let dir = folder("over");
        let first = Output::new(&dir, true).unwrap();
        first
            .write(Path::new("404.html"), "the blog's own")
            .unwrap();
        first
            .make(Path::new("404.html"), 1, || Ok("<p>not found</p>".into()))
            .unwrap();
        first.finish();
        let second = first.next();
        second
            .write(Path::new("404.html"), "the blog's own")
            .unwrap();
        second
            .make(Path::new("404.html"), 1, || Ok("<p>not found</p>".into()))
            .unwrap();
        second.finish();
        assert_eq!(
            std::fs::read_to_string(dir.join("404.html")).unwrap(),
            "<p>not found</p>"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_build_that_does_not_remember_writes_everything_and_deletes_nothing() {
        let dir = folder("once");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("kept.txt"), "x").unwrap();
        let once = Output::new(&dir, false).unwrap();
        once.write(Path::new("a.txt"), "one").unwrap();
        assert!(once.finish().is_empty());
        assert!(dir.join("kept.txt").exists() && dir.join("a.txt").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}

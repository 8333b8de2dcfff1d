//! Precompressed copies (`.br`, `.gz`) beside every text file, for hosts that serve them.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};

use crate::output::Output;

/// Writes `.br` and `.gz` beside every compressible file; returns how many files.
/// Hashed assets (the app, styles) get brotli's best and slowest setting: they are few and
/// cached for a year. Pages and posts, several per post, get brotli 6 and gzip 6: a few
/// percent larger than brotli 9 and gzip's best, several times faster (compression at 9
/// and best was about 70% of a large blog's build). All cores share the work.
pub(crate) fn precompress(out: &Output) -> Result<usize> {
    let dir = out.root();
    const TEXT: [&str; 10] = [
        "html", "css", "js", "wasm", "json", "md", "xml", "txt", "svg", "yaml",
    ];
    let files: Vec<PathBuf> = super::files_under(dir)?
        .files
        .into_iter()
        .map(|file| dir.join(file))
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| TEXT.contains(&e))
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().try_for_each(|f| compress_file(out, f))))
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .map_err(|_| anyhow!("a compression thread failed"))?
        })
    })?;
    Ok(files.len())
}

fn compress_file(output: &Output, path: &Path) -> Result<()> {
    use std::io::Write;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let asset = matches!(ext, "js" | "wasm" | "css" | "svg");
    let quality = if asset { 11 } else { 6 };
    let data = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    // A window no larger than the file: the same output, without allocating (and the kernel
    // zeroing) 4 MiB of tables for every small page.
    let window = (usize::BITS - data.len().max(1).leading_zeros()).clamp(10, 22);
    let mut br = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut br, 4096, quality, window);
        writer
            .write_all(&data)
            .with_context(|| format!("cannot compress {}", path.display()))?;
    }
    let level = if asset {
        flate2::Compression::best()
    } else {
        flate2::Compression::default()
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), level);
    gz.write_all(&data)
        .and_then(|()| gz.try_finish())
        .with_context(|| format!("cannot compress {}", path.display()))?;
    let gz = gz.get_ref();
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    for (suffix, bytes) in [("br", br.as_slice()), ("gz", gz.as_slice())] {
        let out = path.with_file_name(format!("{name}.{suffix}"));
        output.write(&out, bytes)?;
    }
    Ok(())
}

//! Getting an input's bytes: size limit, gzip, and refusing what is not text.

use std::io::Read;

use flate2::read::MultiGzDecoder;

use crate::error::Problem;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// Whether `bytes` start like a gzip stream.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(GZIP_MAGIC)
}

/// Inflates a (possibly multi-member) gzip stream, refusing output over
/// `limit` bytes so a small bomb cannot take the machine's memory.
pub fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, Problem> {
    let mut counted = Counted {
        inner: bytes,
        read: 0,
    };
    let mut out = Vec::new();
    let result = MultiGzDecoder::new(&mut counted)
        .take(limit + 1)
        .read_to_end(&mut out);
    match result {
        Ok(_) if out.len() as u64 > limit => Err(Problem::InflatedTooLarge { limit }),
        Ok(_) => Ok(out),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(Problem::TruncatedGzip { at: counted.read })
        }
        Err(e) => Err(Problem::CorruptGzip {
            at: counted.read,
            message: e.to_string(),
        }),
    }
}

/// A reader that counts what it handed out, to say where a stream broke.
struct Counted<'a> {
    inner: &'a [u8],
    read: u64,
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// Reads at most `limit` bytes from `reader`; more is an error.
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, Problem> {
    let mut out = Vec::new();
    reader.take(limit + 1).read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        return Err(Problem::TooLarge {
            size: out.len() as u64,
            limit,
        });
    }
    Ok(out)
}

/// Refuses bytes that are not text in any encoding: known binary formats
/// by their magic numbers, else NUL or many control bytes near the start.
/// UTF-16 with a byte-order mark is text and passes.
pub fn check_text(bytes: &[u8]) -> Result<(), Problem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::Empty);
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Ok(());
    }
    if let Some(kind) = magic(bytes) {
        return Err(Problem::Binary(kind));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if head.contains(&0) || controls * 100 > head.len() {
        return Err(Problem::Binary("control bytes"));
    }
    Ok(())
}

/// Names a binary format from its first bytes.
fn magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGICS: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF document"),
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x7fELF", "executable"),
        (b"\x1f\x8b", "gzip data"),
        (b"BZh", "bzip2 data"),
        (b"\xfd7zXZ", "xz data"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
        (b"SQLite format 3", "SQLite database"),
        (b"RIFF", "RIFF media"),
        (b"OggS", "Ogg media"),
        (b"ID3", "MP3 audio"),
    ];
    MAGICS
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|&(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gunzip_round_trip_and_limits() {
        let data = b"hello news ".repeat(100);
        let packed = gz(&data);
        assert_eq!(gunzip(&packed, 1 << 20).unwrap(), data);
        assert!(matches!(
            gunzip(&packed, 10),
            Err(Problem::InflatedTooLarge { limit: 10 })
        ));
        let cut = &packed[..packed.len() / 2];
        match gunzip(cut, 1 << 20) {
            Err(Problem::TruncatedGzip { at }) => assert_eq!(at, cut.len() as u64),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(check_text(b""), Err(Problem::Empty)));
        assert!(matches!(check_text(b" \n\n"), Err(Problem::Empty)));
        assert!(matches!(
            check_text(b"%PDF-1.4 ..."),
            Err(Problem::Binary("PDF document"))
        ));
        assert!(matches!(check_text(b"abc\0def"), Err(Problem::Binary(_))));
        assert!(check_text("plain text, caf\u{e9}".as_bytes()).is_ok());
        assert!(check_text(&[0xff, 0xfe, b'a', 0]).is_ok());
    }
}

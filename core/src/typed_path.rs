//! Paths the user types in the app's own file dialog: `~` expanded to the home folder, a
//! relative path taken from the folder the dialog suggests, an extension added when the name
//! has none — and the folder a dialog starts in (Pictures, Downloads or Documents) when none is
//! remembered.

use std::path::{Path, PathBuf};

/// The path `text` stands for: trimmed, `~` or `~/…` expanded with `home`, relative paths taken
/// from `base`. `None` when nothing was typed.
#[must_use]
pub fn expand_typed_path(text: &str, home: Option<&Path>, base: &Path) -> Option<PathBuf> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let expanded = match (text.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_path_buf(),
        (Some(rest), Some(home)) if rest.starts_with('/') || rest.starts_with('\\') => {
            home.join(&rest[1..])
        }
        _ => PathBuf::from(text),
    };
    Some(if expanded.is_absolute() {
        expanded
    } else {
        base.join(expanded)
    })
}

/// `path` with `.extension` added when its name has no extension.
#[must_use]
pub fn with_default_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(extension)
    }
}

/// The user's home folder, when the system has one.
#[must_use]
pub fn home_folder() -> Option<PathBuf> {
    directories::UserDirs::new().map(|dirs| dirs.home_dir().to_path_buf())
}

/// Where a dialog for pictures starts: the remembered folder if it still exists, else the
/// Pictures folder, else Documents, else home, else the current folder.
#[must_use]
pub fn pictures_folder(remembered: Option<&Path>) -> PathBuf {
    start_folder(remembered, |dirs| {
        dirs.picture_dir()
            .map(Path::to_path_buf)
            .or_else(|| existing(dirs.home_dir().join("Pictures")))
    })
}

/// Where a dialog for downloaded files starts: the remembered folder if it still exists, else
/// Downloads when it exists, else Documents, else home, else the current folder.
#[must_use]
pub fn downloads_folder(remembered: Option<&Path>) -> PathBuf {
    start_folder(remembered, |dirs| {
        dirs.download_dir()
            .map(Path::to_path_buf)
            .or_else(|| existing(dirs.home_dir().join("Downloads")))
    })
}

/// Where a dialog for documents starts: the remembered folder if it still exists, else
/// Documents, else home, else the current folder.
#[must_use]
pub fn documents_folder(remembered: Option<&Path>) -> PathBuf {
    start_folder(remembered, |_| None)
}

fn start_folder(
    remembered: Option<&Path>,
    first_choice: impl Fn(&directories::UserDirs) -> Option<PathBuf>,
) -> PathBuf {
    if let Some(folder) = remembered.filter(|f| f.is_dir()) {
        return folder.to_path_buf();
    }
    let Some(dirs) = directories::UserDirs::new() else {
        return PathBuf::from(".");
    };
    first_choice(&dirs)
        .and_then(existing)
        .or_else(|| {
            dirs.document_dir()
                .map(Path::to_path_buf)
                .and_then(existing)
        })
        // Without the desktop's user-dirs file, the usual English names.
        .or_else(|| existing(dirs.home_dir().join("Documents")))
        .unwrap_or_else(|| dirs.home_dir().to_path_buf())
}

fn existing(folder: PathBuf) -> Option<PathBuf> {
    folder.is_dir().then_some(folder)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tilde_relative_and_absolute_paths() {
        let home = Path::new("/home/ann");
        let base = Path::new("/home/ann/Pictures");
        let expand = |text: &str| expand_typed_path(text, Some(home), base);
        assert_eq!(expand("  "), None);
        assert_eq!(
            expand("~/charts/a.png"),
            Some(PathBuf::from("/home/ann/charts/a.png"))
        );
        assert_eq!(expand("~"), Some(PathBuf::from("/home/ann")));
        assert_eq!(
            expand("a.png"),
            Some(PathBuf::from("/home/ann/Pictures/a.png"))
        );
        assert_eq!(expand("/tmp/a.png"), Some(PathBuf::from("/tmp/a.png")));
        // "~bob" is a name, not bob's home.
        assert_eq!(
            expand("~bob"),
            Some(PathBuf::from("/home/ann/Pictures/~bob"))
        );
        assert_eq!(
            with_default_extension(PathBuf::from("/tmp/chart"), "svg"),
            PathBuf::from("/tmp/chart.svg")
        );
        assert_eq!(
            with_default_extension(PathBuf::from("/tmp/chart.png"), "svg"),
            PathBuf::from("/tmp/chart.png")
        );
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(pictures_folder(Some(folder.path())), folder.path());
    }
}

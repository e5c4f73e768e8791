//! The "where are my files" text shown by `--help` and `--version`, computed at run time from
//! the user's data directory.

use crate::paths::AppPaths;

/// Lines naming the default workspace and the log file, or saying that there is no per-user
/// data directory on this system.
#[must_use]
pub fn locations_text(paths: Option<&AppPaths>) -> String {
    match paths {
        Some(paths) => format!(
            "Workspace: {}\nLog:       {}",
            paths.default_workspace().display(),
            paths.log_file().display()
        ),
        None => "Workspace and log: none, no home directory was found for this user".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_workspace_and_the_log() {
        let paths = AppPaths::in_dir("/data");
        assert_eq!(
            locations_text(Some(&paths)),
            "Workspace: /data/workspace.json\nLog:       /data/rotation-lens.log"
        );
    }

    #[test]
    fn says_so_when_there_is_no_data_directory() {
        assert!(locations_text(None).starts_with("Workspace and log: none"));
    }
}

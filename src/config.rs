//! Configuration: defaults from `assets/`, the user's file over them, paths from `directories`.

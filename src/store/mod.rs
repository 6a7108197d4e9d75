//! Reading state and notes in the data dir: serde, atomic writes, locking, recovery.

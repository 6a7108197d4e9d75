//! The reader keeps read and starred in the state file ([`crate::store`], keyed by content id);
//! sync works on the library's flags ([`crate::db::flags`], the same keys). Around each sync the two
//! are brought together, field by field, the more recent side winning: [`import`] before (a star
//! made in the reader since the last sync becomes a local change to send), [`export`] after (what
//! the server changed shows in the reader). Once the reader keeps its state in the library, both
//! become no-ops.

use crate::db::{Db, DbError, Flag};
use crate::store::Store;

/// Copies into the library the flags of library articles that the state file changed more
/// recently (all of them, not only those already synced: an article fetched here and starred in
/// the reader keeps its star when the sync first meets it on the server). Returns how many flags
/// it copied.
pub fn import(db: &mut Db, store: &Store) -> Result<usize, DbError> {
    let mut n = 0;
    for (cid, st) in store.articles() {
        if !(st.read || st.starred || db.flags(cid)?.updated > 0) || !db.has_content(cid)? {
            continue;
        }
        let lib = db.flags(cid)?;
        if (st.updated as i64) <= lib.updated {
            continue;
        }
        for (flag, v) in [(Flag::Read, st.read), (Flag::Starred, st.starred)] {
            if lib.get(flag) != v {
                db.set_flag(cid, flag, v, st.updated as i64)?;
                n += 1;
            }
        }
    }
    Ok(n)
}

/// Sets in the state file the flags of synced articles that the library changed more recently
/// (what the sync brought), and saves it. Returns how many flags it set.
pub fn export(db: &Db, account: &str, store: &mut Store) -> Result<usize, String> {
    let mut n = 0;
    for item in db.sync_items(account).map_err(|e| e.to_string())?.into_values() {
        let lib = db.flags(&item.content_id).map_err(|e| e.to_string())?;
        let st = store.article(&item.content_id);
        if lib.updated < st.updated as i64 {
            continue;
        }
        if st.read != lib.read {
            store.set_read(&item.content_id, lib.read);
            n += 1;
        }
        if st.starred != lib.starred {
            store.set_starred(&item.content_id, lib.starred);
            n += 1;
        }
    }
    if n > 0 {
        store.save().map_err(|e| e.to_string())?;
    }
    Ok(n)
}

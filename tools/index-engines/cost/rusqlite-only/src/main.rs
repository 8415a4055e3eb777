//! rusqlite with the bundled SQLite alone: an FTS5 trigram table in memory, two texts, one query.
use rusqlite::Connection;

fn main() -> rusqlite::Result<()> {
    let conn = Connection::open_in_memory()?;
    conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='trigram')")?;
    for t in ["die sporthalle", "der zuschuss des kreises"] {
        conn.execute("INSERT INTO t(text) VALUES (?1)", [t])?;
    }
    let hits: i64 =
        conn.query_row("SELECT count(*) FROM t WHERE t MATCH '\"halle\"'", [], |r| r.get(0))?;
    println!("{hits}");
    Ok(())
}

//! German folding: two spellings of one word meet ("Straße" and "strasse", "Müller", "Mueller"
//! and "muller"). Used wherever typed words are compared with names or minutes (completion,
//! search, the archive index); one definition, so they all agree.

/// Lower case, umlauts and accents folded, ß as ss, and ae/oe/ue as a/o/u: two spellings of one
/// German word fold to the same letters.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        match c {
            'ä' | 'á' | 'à' | 'â' => out.push('a'),
            'ö' | 'ó' | 'ò' | 'ô' => out.push('o'),
            'ü' | 'ú' | 'ù' | 'û' => out.push('u'),
            'é' | 'è' | 'ê' => out.push('e'),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out.replace("ae", "a").replace("oe", "o").replace("ue", "u")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_word_fold_alike() {
        for (a, b) in [
            ("Straße", "strasse"),
            ("Müller", "mueller"),
            ("Müller", "muller"),
            ("Café", "cafe"),
            ("GRÜNFLÄCHEN", "gruenflaechen"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} {b}");
        }
        assert_ne!(fold("Miller"), fold("Müller"));
    }
}

//! Reading the words a source uses for a figure ("about 500", "some of
//! its 500", "a couple of hundred") as a [`Strength`], by the rules that
//! `data/README.md` states. Kept apart from the notation parser: the
//! notation is the dataset's own language, the phrases are the sources'.

use crate::strength::{parse_count, Strength, StrengthError, MAX_COUNT};

/// Nouns that name more than one of what is counted: after `some`, or
/// alone, they give at least two.
const PLURALS: &[&str] = &[
    "troops",
    "soldiers",
    "personnel",
    "members",
    "countries",
    "nations",
    "forces",
    "allies",
];

impl Strength {
    /// Reads the words a source uses for a figure, by the rules in
    /// `data/README.md`. This is how the bundled dataset's notations are
    /// checked against their quotes.
    ///
    /// Recognized: a number (`120`, `16,000`, `two`, `a`), optionally after
    /// `the` or `its`, `N-strong`, `about N`,
    /// `approximately N`, `at least N`, `more than N`, `up to N`,
    /// `a couple of hundred` (200..300), `hundreds of` (200..999), `some`,
    /// `a portion` (some), `some of its N`, `more` (at least one more),
    /// `no` (0), `most` and `most of N` (more than half of N). **Plurals
    /// give at least two**: `others`, a bare plural noun (`troops`,
    /// `soldiers`, `personnel`, `members`, `countries`, `nations`,
    /// `forces`, `allies`), `some`, `more` or `additional` before one
    /// (`some countries`, `some of whom were`, `more troops`), and `some
    /// of its N` before one (`some of its 500 troops`: 2 to N - 1).
    ///
    /// ```
    /// use troop_tracker::Strength;
    /// let s = Strength::from_phrase("a couple of hundred")?;
    /// assert_eq!(s.to_string(), "200..300");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Returns [`StrengthError::UnknownPhrase`] for any other wording.
    pub fn from_phrase(phrase: &str) -> Result<Strength, StrengthError> {
        let lower = phrase.trim().to_lowercase();
        let unknown = || StrengthError::UnknownPhrase {
            found: phrase.to_owned(),
        };
        let number = |s: &str| -> Result<u64, StrengthError> {
            let s = s.trim();
            let word = match s {
                "one" | "a" | "an" => Some(1),
                "two" => Some(2),
                "three" => Some(3),
                "four" => Some(4),
                "five" => Some(5),
                _ => None,
            };
            match word {
                Some(n) => Ok(n),
                None => parse_count(&s.replace(',', "")).map_err(|_| unknown()),
            }
        };
        let first_word = |s: &str| s.split_whitespace().next().unwrap_or("").to_owned();
        // Words that name more than one: "some countries", "others".
        let plural = |s: &str| {
            PLURALS.contains(&first_word(s).as_str())
                || s.starts_with("of whom were")
                || s.starts_with("of them")
        };
        match lower.as_str() {
            "a couple of hundred" => return Strength::range(200, 300),
            "hundreds of" | "hundreds" => return Strength::range(200, 999),
            "some" | "a portion" => return Ok(Strength::some()),
            "most" => return Ok(Strength::most()),
            "more" => return Ok(Strength::at_least(1)),
            "others" => return Ok(Strength::at_least(2)),
            bare if PLURALS.contains(&bare) => return Ok(Strength::at_least(2)),
            "no" => return Ok(Strength::exact(0)),
            _ => {}
        }
        if let Some(rest) = lower
            .strip_prefix("most of its ")
            .or_else(|| lower.strip_prefix("most of the "))
            .or_else(|| lower.strip_prefix("most of "))
        {
            return Strength::most_of(number(&first_word(rest))?);
        }
        if let Some(rest) = lower.strip_prefix("some of its ") {
            let total = number(&first_word(rest))?;
            let after = rest.split_once(' ').map_or("", |(_, noun)| noun);
            if plural(after) {
                // Two at least, and not all of them.
                return match total.checked_sub(1) {
                    Some(most) if most >= 2 => Strength::range(2, most),
                    _ => Err(StrengthError::EmptySome { total }),
                };
            }
            return Strength::some_of(total);
        }
        for word in ["some ", "more ", "additional "] {
            if let Some(rest) = lower.strip_prefix(word) {
                if plural(rest) {
                    return Ok(Strength::at_least(2));
                }
            }
        }
        for prefix in ["about ", "approximately "] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                return Ok(Strength::approximately(number(&first_word(rest))?));
            }
        }
        if let Some(rest) = lower.strip_prefix("at least ") {
            return Ok(Strength::at_least(number(&first_word(rest))?));
        }
        if let Some(rest) = lower.strip_prefix("more than ") {
            let n = number(&first_word(rest))?;
            if n == MAX_COUNT {
                return Err(StrengthError::MoreThanMax { n });
            }
            return Ok(Strength::more_than(n));
        }
        if let Some(rest) = lower.strip_prefix("up to ") {
            return Ok(Strength::up_to(number(&first_word(rest))?));
        }
        if let Some(n) = lower.strip_suffix("-strong") {
            return Ok(Strength::exact(number(n)?));
        }
        let n = ["the ", "its "]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
            .unwrap_or(&lower);
        Ok(Strength::exact(number(&first_word(n))?))
    }
}

#[cfg(test)]
mod tests {
    use crate::strength::Strength;

    #[test]
    fn phrases_follow_the_documented_rules() {
        let cases = [
            ("120", "120"),
            ("500-strong", "500"),
            ("about 500", "~500"),
            ("approximately 250", "~250"),
            ("a couple of hundred", "200..300"),
            ("hundreds of", "200..999"),
            ("some of its 500", "some<500"),
            ("two", "2"),
            ("the 16,000", "16000"),
            ("at least one", ">=1"),
            ("no", "0"),
            ("a portion", "some"),
            ("up to 850", "<=850"),
            ("more than 120", ">120"),
            ("most", "most"),
            ("most of its 29", "most<=29"),
            ("others", ">=2"),
            ("troops", ">=2"),
            ("some countries", ">=2"),
            ("Some members", ">=2"),
            ("some personnel", ">=2"),
            ("some of whom were", ">=2"),
            ("some of its 500 troops", "2..499"),
            ("more", ">=1"),
            ("more troops", ">=2"),
            ("additional troops", ">=2"),
        ];
        for (phrase, notation) in cases {
            assert_eq!(
                Strength::from_phrase(phrase).unwrap().to_string(),
                notation,
                "{phrase}"
            );
        }
        assert!(Strength::from_phrase("lots of").is_err());
        // Every number word, and the smallest totals a plural part fits.
        for (word, n) in [
            ("one", 1),
            ("two", 2),
            ("three", 3),
            ("four", 4),
            ("five", 5),
        ] {
            assert_eq!(
                Strength::from_phrase(word).unwrap().to_string(),
                n.to_string()
            );
        }
        assert_eq!(
            Strength::from_phrase("some of its 3 troops")
                .unwrap()
                .bounds()
                .to_string(),
            "2"
        );
        assert!(matches!(
            Strength::from_phrase("some of its 2 troops"),
            Err(crate::strength::StrengthError::EmptySome { total: 2 })
        ));
    }
}

//! Nations, missions and places as users type them: codes in any case,
//! names for nations, and "did you mean" when nothing matches.

use troop_tracker::{Dataset, Mission, MissionId, Nation, NationCode, Subject};

use crate::args::SubjectArgs;
use crate::output::Failure;

/// A nation in the data from its code in any case (`deu`) or its name
/// (`Germany`).
pub fn nation(data: &Dataset, text: &str) -> Result<NationCode, Failure> {
    let named = |n: &Nation| (n.code().to_string(), n.name().to_owned());
    lookup("nation", data.nations(), text, named).map(Nation::code)
}

/// A host country from its code in any case or its name: a failure says
/// "no host country", since a location is a place, not whose troops.
pub fn location(data: &Dataset, text: &str) -> Result<NationCode, Failure> {
    let named = |n: &Nation| (n.code().to_string(), n.name().to_owned());
    lookup("host country", data.nations(), text, named).map(Nation::code)
}

/// A mission in the data from its id in any case (`nmi`) or its name.
pub fn mission(data: &Dataset, text: &str) -> Result<MissionId, Failure> {
    let named = |m: &Mission| (m.id().to_string(), m.name().to_owned());
    lookup("mission", data.missions(), text, named).map(|m| m.id().clone())
}

/// The item whose code or name (from `named`) is `text` in any case, or
/// a failure with suggestions.
fn lookup<'d, T>(
    what: &str,
    items: &'d [T],
    text: &str,
    named: impl Fn(&T) -> (String, String),
) -> Result<&'d T, Failure> {
    let wanted = text.trim();
    items
        .iter()
        .find(|item| {
            let (code, name) = named(item);
            code.eq_ignore_ascii_case(wanted) || name.eq_ignore_ascii_case(wanted)
        })
        .ok_or_else(|| unknown(what, wanted, items.iter().map(named)))
}

/// The subject the arguments name, if any.
pub fn subject(data: &Dataset, args: &SubjectArgs) -> Result<Option<Subject>, Failure> {
    if let Some(n) = &args.nation {
        return nation(data, n).map(|c| Some(Subject::Nation(c)));
    }
    if let Some(m) = &args.mission {
        return mission(data, m).map(|id| Some(Subject::Mission(id)));
    }
    if let Some(l) = &args.location {
        return location(data, l).map(|c| Some(Subject::Location(c)));
    }
    Ok(None)
}

/// "no nation "GER" in the data; did you mean DEU (Germany)?", or the list
/// of what there is when nothing is close.
fn unknown(
    what: &str,
    wanted: &str,
    candidates: impl Iterator<Item = (String, String)>,
) -> Failure {
    let candidates: Vec<(String, String)> = candidates.collect();
    let mut close: Vec<(f64, &(String, String))> = candidates
        .iter()
        .filter_map(|c| closeness(wanted, c).map(|score| (score, c)))
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    let named = |c: &(String, String)| format!("{} ({})", c.0, c.1);
    let mut message = format!("no {what} {wanted:?} in the data");
    if close.is_empty() {
        let all: Vec<String> = candidates.iter().map(|c| c.0.clone()).collect();
        if all.len() <= 40 {
            message.push_str(&format!("; the data has: {}", all.join(", ")));
        }
    } else {
        let names: Vec<String> = close.iter().take(3).map(|(_, c)| named(c)).collect();
        message.push_str(&format!("; did you mean {}?", names.join(" or ")));
    }
    Failure::Usage(message)
}

/// How close a typed word is to a code and name, if close enough to
/// suggest: the start of the name (`GER` for Germany), a code one or two
/// edits away (`DUE`), or a name with a typo (`Germnay`).
fn closeness(wanted: &str, (code, name): &(String, String)) -> Option<f64> {
    let wanted = wanted.to_lowercase();
    let name = name.to_lowercase();
    if wanted.len() >= 2 && name.starts_with(&wanted) {
        return Some(2.0);
    }
    let edits = strsim::damerau_levenshtein(&wanted, &code.to_lowercase());
    if edits <= 1 || (edits == 2 && code.len() > 3) {
        return Some(1.5 - edits as f64 / 10.0);
    }
    let similar = strsim::normalized_damerau_levenshtein(&wanted, &name);
    (similar >= 0.7).then_some(similar)
}

//! `troop-tracker summary`: who had how many troops where, as tables with
//! numbered sources, then the validation report.

use serde::Serialize;
use troop_tracker::posture::{key_moments, KeyMoment};
use troop_tracker::{
    export, rows, summary as tables, Dataset, Ledger, MissionId, NationCode, Posture, Severity,
    Subject,
};

use crate::args::{print_json, print_json_lines, DayArgs, Format, WidthArgs};
use crate::codes;
use crate::load::{Checks, Loaded};
use crate::output::{self, Failure};

/// Who had how many troops where.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Without --as-of: the start and end of the first day troops moved, \
and where the latest announced relocations would leave things (projected); with neither, \
the latest day the data describes. The validation's counts close the summary; \
--findings lists its errors and warnings."
)]
pub struct Args {
    #[command(flatten)]
    day: DayArgs,
    /// Only this nation's figures (code in any case, or name), after its
    /// timeline.
    #[arg(long, value_name = "CODE")]
    nation: Option<String>,
    /// Only this mission's figures, after its timeline.
    #[arg(long, value_name = "ID")]
    mission: Option<String>,
    /// Only the figures inside this host country (code or name), after
    /// its timeline.
    #[arg(long, value_name = "CODE")]
    location: Option<String>,
    /// Output format (csv writes posture.csv's rows, and needs --as-of).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    width: WidthArgs,
    /// Also list the validation's errors and warnings (by default only
    /// their counts; `validate` lists every finding).
    #[arg(long)]
    findings: bool,
    /// First list the N nations with the most troops (of a mission, with
    /// --mission): the largest contributors.
    #[arg(long, value_name = "N")]
    largest: Option<usize>,
}

/// One moment of the summary: its title, day and options, and the
/// posture's figures and totals as the files' rows.
#[derive(Serialize)]
struct Moment<'p> {
    title: &'p str,
    as_of: troop_tracker::Day,
    projection: &'static str,
    moment: &'static str,
    figures: Vec<rows::PostureRow>,
    totals: Vec<rows::TotalRow>,
}

#[derive(Serialize)]
struct Json<'p> {
    moments: Vec<Moment<'p>>,
    findings: Vec<rows::FindingRow>,
}

pub fn run(loaded: &Loaded, args: &Args) -> Result<(), Failure> {
    let data = &loaded.data;
    let focus = Focus::of(data, args)?;
    let moments = match args.day.as_of {
        Some(day) => vec![KeyMoment {
            title: format!("As of {day}"),
            day,
            options: args.day.options(),
        }],
        None => key_moments(data),
    };
    let ledger = Ledger::new(data);
    let postures: Vec<Posture<'_>> = moments
        .iter()
        .map(|m| focus.narrow(ledger.posture_with(m.day, m.options)))
        .collect();
    match args.format {
        Format::Csv => {
            let [posture] = postures.as_slice() else {
                return Err(Failure::Usage(
                    "summary --format csv writes one posture: give --as-of YYYY-MM-DD".to_owned(),
                ));
            };
            export::write_posture(output::stdout(), posture, export::ExportOptions::default())
                .map(|_| ())
                .map_err(from_export)
        }
        Format::Jsonl => {
            let [posture] = postures.as_slice() else {
                return Err(Failure::Usage(
                    "summary --format jsonl writes one posture: give --as-of YYYY-MM-DD".to_owned(),
                ));
            };
            print_json_lines(&rows::posture(posture))
        }
        Format::Json => print_json(&Json {
            moments: moments
                .iter()
                .zip(&postures)
                .map(|(m, posture)| Moment {
                    title: &m.title,
                    as_of: posture.day(),
                    projection: posture.options().projection.as_str(),
                    moment: posture.options().moment.as_str(),
                    figures: rows::posture(posture),
                    totals: rows::totals(posture),
                })
                .collect(),
            findings: loaded.report_with(&ledger).rows(),
        }),
        Format::Table => {
            let subjects = focus.subjects();
            let report = loaded.report_with(&ledger);
            let mut out = String::new();
            if let Some(n) = args.largest {
                for (m, posture) in moments.iter().zip(&postures) {
                    out.push_str(&largest(data, &m.title, posture, n));
                }
            }
            out.push_str(&text(
                data,
                &subjects,
                (&moments, &postures),
                &report,
                (args.width.columns(), args.findings),
            ));
            output::print(&out)
        }
    }
}

/// The subjects' timelines, the tables of each moment, and the
/// validation counts with its errors and warnings.
fn text(
    data: &Dataset,
    subjects: &[Subject],
    (moments, postures): (&[KeyMoment], &[Posture<'_>]),
    checks: &Checks<'_>,
    (width, findings): (u16, bool),
) -> String {
    let mut text = String::new();
    for subject in subjects {
        text.push_str(&format!("Timeline of {}\n\n", subject_name(data, subject)));
        text.push_str(&tables::timeline_table(
            data,
            &rows::timeline(data, subject),
            width,
        ));
        text.push('\n');
    }
    for (m, posture) in moments.iter().zip(postures) {
        text.push_str(&format!("== {} ==\n\n", m.title));
        text.push_str(&tables::posture_tables(posture, width));
        text.push('\n');
    }
    text.push_str("== Validation ==\n\n");
    if findings {
        text.push_str(&tables::checks_text(
            checks.problems,
            &checks.report,
            Severity::Warning,
            width,
        ));
    } else {
        // The counts answer "is this data sound?"; the findings are one
        // flag away, so that a table of thousands of findings does not
        // bury the posture.
        let [e, w, n] =
            [Severity::Error, Severity::Warning, Severity::Note].map(|s| checks.count(s));
        text.push_str(&tables::wrap(
            &format!(
                "{e} errors, {w} warnings, {n} notes (`summary --findings` lists the errors and warnings, `validate` every finding)"
            ),
            usize::from(width),
            0,
        ));
    }
    text
}

/// The nation, mission and host country the user narrowed to.
struct Focus {
    nation: Option<NationCode>,
    mission: Option<MissionId>,
    location: Option<NationCode>,
}

impl Focus {
    fn of(data: &Dataset, args: &Args) -> Result<Focus, Failure> {
        let code =
            |text: &Option<String>| text.as_deref().map(|n| codes::nation(data, n)).transpose();
        Ok(Focus {
            nation: code(&args.nation)?,
            location: args
                .location
                .as_deref()
                .map(|l| codes::location(data, l))
                .transpose()?,
            mission: args
                .mission
                .as_deref()
                .map(|m| codes::mission(data, m))
                .transpose()?,
        })
    }

    fn narrow<'d>(&self, posture: Posture<'d>) -> Posture<'d> {
        let posture = match self.location {
            Some(country) => posture.in_country(country),
            None => posture,
        };
        if self.nation.is_some() || self.mission.is_some() {
            posture.focus(self.nation, self.mission.as_ref())
        } else {
            posture
        }
    }

    /// The timelines to print first.
    fn subjects(&self) -> Vec<Subject> {
        let nation = self.nation.map(Subject::Nation);
        let mission = self.mission.clone().map(Subject::Mission);
        let location = self.location.map(Subject::Location);
        nation.into_iter().chain(mission).chain(location).collect()
    }
}

/// A nation's or mission's name for a heading.
pub fn subject_name(data: &Dataset, subject: &Subject) -> String {
    match subject {
        Subject::Nation(c) | Subject::Location(c) => {
            data.nation(*c).map_or(c.to_string(), |n| n.to_string())
        }
        Subject::Mission(m) => data.mission(m).map_or(m.to_string(), |x| x.to_string()),
        _ => "the whole ledger".to_owned(),
    }
}

/// A failed export to standard output: a closed pipe stays quiet.
pub fn from_export(e: export::ExportError) -> Failure {
    match e {
        export::ExportError::Write(source) => Failure::Stdout(source),
        other => Failure::Write(other.to_string()),
    }
}

/// `Largest contributors, as of 2012-06-30:` and one line per nation.
fn largest(data: &Dataset, title: &str, posture: &Posture<'_>, n: usize) -> String {
    let mut out = format!("Largest contributors, {}:\n", title.to_lowercase());
    for (i, v) in posture.largest(n).iter().enumerate() {
        let name = v
            .nation
            .and_then(|c| data.nation(c))
            .map_or("contributors not named".to_owned(), |x| x.name().to_owned());
        let code = v.nation.map(|c| c.to_string()).unwrap_or_default();
        out.push_str(&format!(
            "{:>4}. {code:<4} {name:<32} {:>10}\n",
            i + 1,
            v.total.to_string()
        ));
    }
    out.push('\n');
    out
}

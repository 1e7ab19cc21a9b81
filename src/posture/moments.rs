//! The days worth a summary when the user names none: before and after
//! the first relocations, and where the announced ones would leave things.

use crate::dataset::Dataset;
use crate::date::Day;
use crate::posture::{Moment, PostureOptions};

/// A day worth summarizing, the posture options to read it with, and a
/// heading that says why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMoment {
    /// A heading: `Before the first relocations`, ...
    pub title: String,
    /// The day.
    pub day: Day,
    /// The start or end of the day, actual or projected.
    pub options: PostureOptions,
}

/// The key moments of a dataset, in this order: the start of the first day
/// on which troops moved (before any move), the end of that day (after
/// them), and the last day of the latest announced relocation, projected.
/// A moment is left out when the data has no such relocation.
///
/// ```
/// use troop_tracker::{posture::key_moments, Dataset};
/// let data = Dataset::bundled()?;
/// let days: Vec<String> = key_moments(&data).iter().map(|m| m.day.to_string()).collect();
/// assert_eq!(days, ["2020-01-09", "2020-01-09", "2020-02-13"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn key_moments(data: &Dataset) -> Vec<KeyMoment> {
    let moved = data
        .relocations()
        .iter()
        .filter(|r| r.status().has_moved())
        .map(|r| r.date().earliest())
        .min();
    let announced = data
        .relocations()
        .iter()
        .filter(|r| !r.status().has_moved())
        .map(|r| r.date().latest())
        .max();
    let mut out = Vec::new();
    if let Some(day) = moved {
        let before = PostureOptions {
            moment: Moment::StartOfDay,
            ..PostureOptions::default()
        };
        out.push(KeyMoment {
            title: "Before the first relocations".to_owned(),
            day,
            options: before,
        });
        out.push(KeyMoment {
            title: "After them".to_owned(),
            day,
            options: PostureOptions::default(),
        });
    }
    if let Some(day) = announced {
        out.push(KeyMoment {
            title: "After the latest announced decisions".to_owned(),
            day,
            options: PostureOptions::projected(),
        });
    }
    // No move and no plan (an imported table, say): the latest day any
    // figure describes, rather than nothing.
    if out.is_empty() {
        if let Some(day) = data.latest_day() {
            out.push(KeyMoment {
                title: format!("On the latest day the data describes, {day}"),
                day,
                options: PostureOptions::default(),
            });
        }
    }
    out
}

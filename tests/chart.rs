//! Charts of the bundled data: the series a chart shows are the postures'
//! figures on the days records change them, and the SVG holds a point
//! with a `<title>` naming its records for each of them, bands, labels
//! and open bounds drawn as open.

use troop_tracker::chart::{chart, render_svg, Chart, ChartError, DEFAULT_SIZE};
use troop_tracker::{Dataset, Ledger, PostureOptions, Subject};

fn bundled() -> Dataset {
    Dataset::bundled().expect("the bundled data loads")
}

fn subject_chart(data: &Dataset, subject: Subject) -> Chart {
    chart(&Ledger::new(data), &subject)
}

#[test]
fn a_location_chart_has_the_postures_totals_on_each_change_day() {
    let data = bundled();
    let irq = "IRQ".parse().expect("code");
    let c = subject_chart(&data, Subject::Location(irq));
    assert_eq!(c.title, "Troops in Iraq (IRQ)");
    assert_eq!(c.series[0].label, "troops in IRQ");
    let [series] = c.series.as_slice() else {
        panic!("one series for a location, found {}", c.series.len());
    };
    let ledger = Ledger::new(&data);
    let mut seen = Vec::new();
    for p in &series.points {
        let options = if p.planned {
            PostureOptions::projected()
        } else {
            PostureOptions::default()
        };
        let posture = ledger.posture_with(p.day, options);
        let view = posture
            .by_location()
            .into_iter()
            .find(|v| v.country == Some(irq))
            .expect("Iraq has troops on every charted day");
        assert_eq!(p.bounds, view.total, "{} planned={}", p.day, p.planned);
        seen.push((p.day.to_string(), p.bounds.to_string(), p.planned));
    }
    let seen: Vec<(&str, &str, bool)> = seen
        .iter()
        .map(|(d, b, p)| (d.as_str(), b.as_str(), *p))
        .collect();
    assert_eq!(
        seen,
        [
            ("2020-01-09", "91..589", false),
            ("2020-02-12", "315..590", false),
            ("2020-02-13", "315..590", false),
            ("2020-02-13", ">=516", true),
        ]
    );
    // The first day's records are every record dated that day that
    // changes a figure in Iraq; announced moves are the planned point's.
    assert!(series.points[0]
        .records
        .contains(&"R-DEU-2020-01-09".to_owned()));
    assert!(series.points[0]
        .records
        .contains(&"D-DEU-KRD-2020-01-09".to_owned()));
    assert_eq!(series.points[3].records.len(), 3);
    assert!(series.points[3].records.iter().all(|r| r.starts_with("R-")));
}

#[test]
fn a_mission_chart_has_its_reported_total_and_its_contributions() {
    let data = bundled();
    let c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let labels: Vec<&str> = c.series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["reported total", "national contributions (sum)"]);
    let total: Vec<String> = c.series[0]
        .points
        .iter()
        .map(|p| p.bounds.to_string())
        .collect();
    assert_eq!(total, ["500", "500", "450..550", ">=651"]);
    let sum: Vec<String> = c.series[1]
        .points
        .iter()
        .map(|p| p.bounds.to_string())
        .collect();
    // Canada's ~250 in Baghdad, and up to what it sent to Kuwait
    // "temporarily" on 9 January: those troops may come back into any of
    // Canada's places in Iraq, its NMI post in Baghdad among them.
    assert_eq!(sum, ["225..500", "225..500", ">=426"]);
    assert!(c
        .series
        .iter()
        .all(|s| s.points.last().is_some_and(|p| p.planned)));
}

#[test]
fn a_nation_chart_counts_what_moved_as_still_its_own() {
    let data = bundled();
    let c = subject_chart(&data, Subject::Nation("DEU".parse().expect("code")));
    assert_eq!(c.title, "Troops of Germany (DEU)");
    assert_eq!(c.series[0].label, "troops of DEU");
    let points = &c.series[0].points;
    assert_eq!(points.len(), 1);
    assert_eq!(points[0].bounds.to_string(), "120");
    assert!(points[0].records.contains(&"R-DEU-2020-01-09".to_owned()));
}

/// The text of every `<title>` element, in order.
fn titles(svg: &str) -> Vec<&str> {
    svg.split("<title>")
        .skip(1)
        .map(|rest| rest.split("</title>").next().expect("closed title"))
        .collect()
}

/// The `(cx, cy)` of every point circle, in order.
fn points(svg: &str) -> Vec<(f64, f64)> {
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        let end = start + tag[start..].find('"').expect("closing quote");
        tag[start..end].parse().expect("a number")
    };
    svg.split("<circle class=\"point\"")
        .skip(1)
        .map(|tag| (attr(tag, "cx"), attr(tag, "cy")))
        .collect()
}

#[test]
fn the_svg_has_a_titled_point_per_figure_bands_and_labels() {
    let data = bundled();
    let c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    let titles = titles(&svg);
    let n: usize = c.series.iter().map(|s| s.points.len()).sum();
    assert_eq!(
        titles.len(),
        n + 1,
        "the document's title and one per point"
    );
    assert_eq!(titles[0], "NATO Mission Iraq (NMI)");
    for (title, p) in titles[1..]
        .iter()
        .zip(c.series.iter().flat_map(|s| &s.points))
    {
        assert!(title.starts_with(&p.day.to_string()), "{title}");
        for r in &p.records {
            assert!(title.contains(r.as_str()), "{title} names {r}");
        }
        assert_eq!(title.contains("(planned)"), p.planned, "{title}");
        assert!(
            title.contains(&p.bounds.to_string().replace('>', "&gt;")),
            "{title}"
        );
    }
    // Points sit further right on later days and higher for larger lows
    // (SVG's y grows downwards).
    let xy = points(&svg);
    assert_eq!(xy.len(), n);
    let reported = &xy[..c.series[0].points.len()];
    assert!(reported.windows(2).all(|w| w[0].0 <= w[1].0));
    assert!(reported[3].1 < reported[2].1, "651 is drawn above 450");
    // Bands are filled rectangles; open bands say so at the top.
    assert!(svg.matches("<rect").count() >= n, "a band per point");
    assert_eq!(
        svg.matches("open ↑").count(),
        2,
        "both planned figures are open"
    );
    for label in [
        "troops",
        "2020-01-",
        "reported total",
        "national contributions (sum), planned",
    ] {
        assert!(svg.contains(label), "{label}");
    }
}

#[test]
fn a_chart_of_a_closed_figure_draws_no_open_band() {
    let data = bundled();
    let c = subject_chart(&data, Subject::Nation("DEU".parse().expect("code")));
    let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
    assert!(!svg.contains("open ↑"));
    assert!(!svg.contains("planned"));
    assert_eq!(points(&svg).len(), 1);
}

#[test]
fn nothing_to_draw_is_an_error_naming_the_subject() {
    let data = bundled();
    // Spain has troops in the data (a planned transfer) but none in Spain.
    let c = subject_chart(&data, Subject::Location("ESP".parse().expect("code")));
    assert!(c.is_empty());
    match render_svg(&c, DEFAULT_SIZE) {
        Err(e @ ChartError::Empty { .. }) => assert!(e.to_string().contains("Spain (ESP)")),
        other => panic!("expected Empty, found {other:?}"),
    }
}

#[test]
fn a_tiny_size_draws_or_fails_without_panicking() {
    let data = bundled();
    let c = subject_chart(&data, Subject::Location("IRQ".parse().expect("code")));
    for size in [(1, 1), (10, 10), (80, 40), (200, 150)] {
        let _ = render_svg(&c, size);
    }
}

#[test]
fn the_series_serialize_with_numbers() {
    let data = bundled();
    let c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let json = serde_json::to_value(&c).expect("serializes");
    let last = &json["series"][0]["points"][3];
    assert_eq!(last["bounds"]["low"], 651);
    assert!(last["bounds"]["high"].is_null());
    assert_eq!(last["planned"], true);
}

#[test]
fn key_moments_are_before_and_after_the_first_moves_then_the_plans() {
    use troop_tracker::posture::{key_moments, Moment};
    use troop_tracker::Projection;
    let data = bundled();
    let moments = key_moments(&data);
    let seen: Vec<(String, Moment, Projection)> = moments
        .iter()
        .map(|m| (m.day.to_string(), m.options.moment, m.options.projection))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "2020-01-09".to_owned(),
                Moment::StartOfDay,
                Projection::Actual
            ),
            (
                "2020-01-09".to_owned(),
                Moment::EndOfDay,
                Projection::Actual
            ),
            (
                "2020-02-13".to_owned(),
                Moment::EndOfDay,
                Projection::Projected
            ),
        ]
    );
    assert_eq!(moments[0].title, "Before the first relocations");
}

/// A chart's points carry the flags of the figures behind them: the
/// quarter where the quarterly table and the report disagree is marked.
#[test]
fn points_carry_their_figures_flags() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/troopdata");
    let import = troop_tracker::import::troopdata::read_dir(&dir).expect("the excerpt");
    let ledger = troop_tracker::Ledger::new(&import.dataset);
    let c = troop_tracker::chart::chart(
        &ledger,
        &troop_tracker::Subject::Location("DEU".parse().expect("code")),
    );
    let at = |d: &str| {
        c.series[0]
            .points
            .iter()
            .find(|p| p.day.to_string() == d)
            .map(|p| p.flags.clone())
            .expect("a point")
    };
    assert!(at("2020-06-30").contains(&"disputed".to_owned()));
    assert!(at("2020-03-31").is_empty());
    let json = serde_json::to_value(&c).expect("JSON");
    assert!(json["series"][0]["points"]
        .as_array()
        .expect("points")
        .iter()
        .any(|p| p["flags"][0] == "disputed"));
}

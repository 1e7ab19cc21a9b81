//! Charts of the bundled data: the series a chart shows are the postures'
//! figures on the days records change them, and the SVG holds a point
//! with a `<title>` naming its records for each of them, bands, labels
//! and open bounds drawn as open.

use troop_tracker::chart::{
    chart, chart_with, render_svg, Chart, ChartError, ChartOptions, Role, DEFAULT_SIZE,
};
use troop_tracker::{Dataset, Ledger, PostureOptions, Subject};

mod common;
mod world;

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
    assert_eq!(c.series[0].label, "troops in IRQ (total)");
    let series = &c.series[0];
    assert_eq!(series.role, Role::Whole);
    // Split by nation, the largest first.
    let parts: Vec<&str> = c.series[1..].iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        parts,
        ["troops of CAN", "unnamed contributors", "troops of DEU"]
    );
    assert!(c.series[1..].iter().all(|s| s.role == Role::Part));
    let ledger = Ledger::new(&data);
    // Each part's point is the nation's figure in Iraq in the posture of
    // its day.
    for part in &c.series[1..] {
        for p in &part.points {
            let options = if p.planned {
                PostureOptions::projected()
            } else {
                PostureOptions::default()
            };
            let posture = ledger.posture_with(p.day, options).in_country(irq);
            let nation = posture
                .by_nation()
                .into_iter()
                .find(|v| {
                    v.nation.map_or("unnamed contributors".to_owned(), |n| {
                        format!("troops of {n}")
                    }) == part.label
                })
                .expect("the nation has a figure that day");
            assert_eq!(p.bounds, nation.total, "{} {}", part.label, p.day);
        }
    }
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
            ("2020-01-09", "91..588", false),
            // The day after the 9 January moves: a temporary one may come
            // back from then on, and no record is dated that day.
            ("2020-01-10", "91..590", false),
            ("2020-02-12", "315..590", false),
            ("2020-02-13", "315..590", false),
            ("2020-02-13", ">=515", true),
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
    // The planned point has the day's plans (two announced relocations)
    // and the day's other records.
    assert!(series.points[1].records.is_empty());
    let plans = series.points[4]
        .records
        .iter()
        .filter(|r| r.starts_with("R-"));
    assert_eq!(plans.count(), 2);
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
    assert_eq!(total, ["500", "500", "450..550", "650..850"]);
    let sum: Vec<String> = c.series[1]
        .points
        .iter()
        .map(|p| p.bounds.to_string())
        .collect();
    // Canada's ~250 in Baghdad, and up to what it sent to Kuwait
    // "temporarily" on 9 January: those troops may come back into any of
    // Canada's places in Iraq, its NMI post in Baghdad among them.
    assert_eq!(sum, ["225..500", "225..500", "425..800"]);
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
    assert_eq!(c.series[0].label, "troops of DEU (total)");
    let points = &c.series[0].points;
    assert_eq!(points.len(), 1);
    assert_eq!(points[0].bounds.to_string(), "120");
    assert!(points[0].records.contains(&"R-DEU-2020-01-09".to_owned()));
    // By location: the 30 moved to Jordan and Kuwait are a line of their
    // own, no longer hidden in the total.
    let parts: Vec<(&str, String)> = c.series[1..]
        .iter()
        .map(|s| (s.label.as_str(), s.points[0].bounds.to_string()))
        .collect();
    assert_eq!(
        parts,
        [("in IRQ", "90".to_owned()), ("in JOR+KWT", "30".to_owned())]
    );
    assert_eq!(
        c.counted,
        "troops of Germany (DEU), by location and in total"
    );
    assert_eq!(c.sources, ["nw-2020-01-09"]);
    assert!(
        c.caption().contains("Source: nw-2020-01-09."),
        "{}",
        c.caption()
    );
}

#[test]
fn the_line_is_at_the_figure_or_the_middle_of_its_range() {
    let data = bundled();
    for subject in subjects(&data) {
        let c = subject_chart(&data, subject);
        for p in c.series.iter().flat_map(|s| &s.points) {
            let at = p.line_at();
            assert!(p.bounds.contains(at), "{} {}: {at}", p.day, p.bounds);
            match p.bounds.high() {
                Some(high) => assert!(
                    (at - p.bounds.low()).abs_diff(high - at) <= 1,
                    "{} is not the middle of {}",
                    at,
                    p.bounds
                ),
                None => assert_eq!(at, p.bounds.low()),
            }
        }
    }
    // NATO Mission Iraq on 2020-02-13: "about 500" is drawn at 500, not
    // at its lowest 450.
    let c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let about = &c.series[0].points[2];
    assert_eq!(
        (about.bounds.to_string(), about.line_at()),
        ("450..550".to_owned(), 500)
    );
}

/// No record of the bundled data says "not reported": no point is drawn
/// hollow, those of days with no record included.
#[test]
fn no_point_of_the_bundled_data_is_drawn_as_not_reported() {
    let data = bundled();
    for subject in subjects(&data) {
        let c = subject_chart(&data, subject);
        let points: Vec<&troop_tracker::chart::Point> =
            c.series.iter().flat_map(|s| &s.points).collect();
        assert!(points.iter().all(|p| !p.not_reported), "{}", c.title);
        if !points.is_empty() {
            let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
            assert!(!svg.contains("fill=\"white\" stroke=\"rgb("), "{}", c.title);
        }
    }
}

/// Every subject of the bundled data, and the whole ledger.
fn subjects(data: &Dataset) -> Vec<Subject> {
    let mut out = vec![Subject::All];
    out.extend(data.nations().iter().map(|n| Subject::Nation(n.code())));
    out.extend(data.nations().iter().map(|n| Subject::Location(n.code())));
    out.extend(
        data.missions()
            .iter()
            .map(|m| Subject::Mission(m.id().clone())),
    );
    out
}

/// Planned points are the projected posture of every day from the first
/// plan on, so a plan is drawn on top of what happened since: on
/// 2020-02-15 the actual total rises to 8,620 and the planned line with
/// it.
#[test]
fn planned_points_follow_each_days_projected_posture() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    let c = chart(&ledger, &Subject::All);
    let whole = &c.series[0];
    let actual: Vec<_> = whole.points.iter().filter(|p| !p.planned).collect();
    let planned: Vec<_> = whole.points.iter().filter(|p| p.planned).collect();
    let first_plan = planned.first().expect("the bundled data has plans").day;
    for p in &planned {
        let projected = ledger.posture_with(p.day, PostureOptions::projected());
        assert_eq!(p.bounds, projected.total(), "{}", p.day);
    }
    for a in actual.iter().filter(|a| a.day >= first_plan) {
        assert!(
            planned.iter().any(|p| p.day == a.day),
            "no planned point on {}, a day the figures change after the first plan",
            a.day
        );
    }
    let last_actual = actual.last().expect("points");
    let last_planned = planned.last().expect("points");
    assert_eq!(last_actual.day.to_string(), "2020-02-15");
    assert!(last_actual.line_at() >= 8_000, "{}", last_actual.bounds);
    assert!(
        last_planned.day >= last_actual.day && last_planned.line_at() >= last_actual.line_at(),
        "the plan is drawn on top of the rise: {} {}",
        last_planned.day,
        last_planned.bounds
    );
}

#[test]
fn from_and_to_cut_the_days_and_start_from_the_figure_held() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    let irq = Subject::Location("IRQ".parse().expect("code"));
    let day = |s: &str| s.parse::<troop_tracker::Day>().expect("day");
    let options = ChartOptions {
        from: Some(day("2020-02-01")),
        to: Some(day("2020-02-12")),
    };
    let c = chart_with(&ledger, &irq, options);
    assert_eq!((c.from, c.to), (options.from, options.to));
    for s in &c.series {
        assert!(s
            .points
            .iter()
            .all(|p| p.day >= day("2020-02-01") && p.day <= day("2020-02-12")));
    }
    let whole = &c.series[0].points;
    let days: Vec<String> = whole.iter().map(|p| p.day.to_string()).collect();
    assert_eq!(days, ["2020-02-01", "2020-02-12"]);
    // The first point is the figure holding since 2020-01-09 (as the
    // posture of 2020-02-01 bounds it), with no record of its own that
    // day.
    let held = ledger
        .posture(day("2020-02-01"))
        .in_country("IRQ".parse().expect("code"));
    assert_eq!(whole[0].bounds, held.by_location()[0].total);
    assert!(whole[0].records.is_empty());
    assert!(
        whole.iter().all(|p| !p.planned),
        "the plans are dated 2020-02-13"
    );
    // A plan dated before the first day drawn still holds on it: the
    // projected figure of that day is the first planned point.
    let after_plans = chart_with(
        &ledger,
        &irq,
        ChartOptions {
            from: Some(day("2020-02-14")),
            to: None,
        },
    );
    let planned = after_plans.series[0]
        .points
        .iter()
        .find(|p| p.planned)
        .expect("the plans of 2020-02-13 still hold");
    let projected = ledger
        .posture_with(day("2020-02-14"), PostureOptions::projected())
        .in_country("IRQ".parse().expect("code"));
    assert_eq!(planned.day, day("2020-02-14"));
    assert_eq!(planned.bounds, projected.by_location()[0].total);
    // Before the first record there is nothing held: no point is made up.
    let early = chart_with(
        &ledger,
        &irq,
        ChartOptions {
            from: Some(day("2019-01-01")),
            to: None,
        },
    );
    assert_eq!(early.series[0].points[0].day.to_string(), "2020-01-09");
    // A span with no figure draws nothing, and says which days.
    let none = chart_with(
        &ledger,
        &irq,
        ChartOptions {
            from: None,
            to: Some(day("2019-12-31")),
        },
    );
    assert!(none.is_empty());
    let e = render_svg(&none, DEFAULT_SIZE).expect_err("nothing to draw");
    assert!(e.to_string().contains("to 2019-12-31"), "{e}");
    // A first day after the last (the tool refuses it; the library
    // answers) has no day between them: no point, not even the figure
    // held on the first day, which is past the last.
    for from in ["2020-01-09", "2020-02-01"] {
        let reversed = chart_with(
            &ledger,
            &irq,
            ChartOptions {
                from: Some(day(from)),
                to: Some(day("2020-01-08")),
            },
        );
        assert!(reversed.is_empty(), "from {from}: {:?}", reversed.series);
        let e = render_svg(&reversed, DEFAULT_SIZE).expect_err("nothing to draw");
        assert!(e.to_string().contains("to 2020-01-08"), "{e}");
    }
}

/// Every chart of the bundled data draws its legend in rows up from the
/// bottom of the picture: rows 18 px apart, the last label's baseline 9 px
/// above the bottom edge, each label 30 px right of its swatch (a line, a
/// band's rectangle and line, a diamond or a hollow circle) centred 4 px
/// above the baseline, and each series' swatch in its points' colour.
#[test]
fn the_legend_draws_a_swatch_before_each_label_in_rows_up_from_the_bottom() {
    let data = bundled();
    let height = f64::from(DEFAULT_SIZE.1);
    let mut drawn = 0;
    for subject in subjects(&data) {
        let c = subject_chart(&data, subject.clone());
        let Ok(svg) = render_svg(&c, DEFAULT_SIZE) else {
            continue;
        };
        drawn += 1;
        let legend = legend_of(&svg);
        // Each label with the tags drawn before it: its swatch.
        let mut swatch: Vec<&str> = Vec::new();
        let mut labels: Vec<(f64, f64, &str, Vec<&str>)> = Vec::new();
        for tag in legend.split('<').skip(1) {
            if tag.starts_with("/text") {
                continue;
            }
            if tag.starts_with("text ") {
                let label = tag.split_once('>').expect("a label").1;
                let (x, y) = (num(tag, "x").expect("x"), num(tag, "y").expect("y"));
                labels.push((x, y, label, std::mem::take(&mut swatch)));
            } else {
                swatch.push(tag);
            }
        }
        assert!(labels.len() >= 2, "{subject:?}: {legend}");
        for (x, y, label, swatch) in &labels {
            let first = swatch
                .first()
                .unwrap_or_else(|| panic!("{label}: no swatch"));
            let vertex = |tag: &str| -> (f64, f64) {
                let p = attr(tag, "points").expect("points");
                let (px, py) = p
                    .split(' ')
                    .next()
                    .and_then(|v| v.split_once(','))
                    .expect("a vertex");
                (px.parse().expect("x"), py.parse().expect("y"))
            };
            let (left, middle) = match first.split(' ').next() {
                Some("line") => (num(first, "x1").expect("x1"), num(first, "y1").expect("y1")),
                Some("rect") => (
                    num(first, "x").expect("x"),
                    num(first, "y").expect("y") + 6.0,
                ),
                Some("circle") => (
                    num(first, "cx").expect("cx") - 12.0,
                    num(first, "cy").expect("cy"),
                ),
                Some("polygon") => {
                    let (px, py) = vertex(first);
                    (px - 6.0, py)
                }
                other => panic!("{label}: swatch {other:?}"),
            };
            assert_eq!((left, middle), (x - 30.0, y - 4.0), "{subject:?}: {label}");
        }
        let mut ys: Vec<f64> = labels.iter().map(|l| l.1).collect();
        ys.dedup();
        assert!(
            ys.windows(2).all(|w| w[1] - w[0] == 18.0),
            "{subject:?}: {ys:?}"
        );
        assert_eq!(ys.last(), Some(&(height - 9.0)), "{subject:?}");
        for s in c.series.iter().filter(|s| !s.points.is_empty()) {
            let (_, _, _, swatch) = labels
                .iter()
                .find(|l| l.2 == s.label)
                .unwrap_or_else(|| panic!("{subject:?}: no entry for {}", s.label));
            let stroke = attr(swatch[0], "stroke").expect("a stroke");
            let named = format!(": {} ", s.label);
            let fill = svg
                .split("<circle class=\"point\"")
                .skip(1)
                .find(|tag| tag.contains(&named))
                .and_then(|tag| attr(tag, "fill"))
                .expect("a point of the series");
            assert_eq!(stroke, fill, "{subject:?}: {}", s.label);
        }
    }
    assert!(drawn >= 10, "{drawn} charts drawn");
}

/// What the legend's group holds: its swatches and labels.
fn legend_of(svg: &str) -> &str {
    let legend = svg.split("<g class=\"legend\"").nth(1).expect("a legend");
    legend.split("</g>").next().expect("closed")
}

/// The text of every `<title>` element, in order.
fn titles(svg: &str) -> Vec<&str> {
    svg.split("<title>")
        .skip(1)
        .map(|rest| rest.split("</title>").next().expect("closed title"))
        .collect()
}

/// The value of attribute `name` in the opening of a tag (the text after
/// `<circle` or `<text `, up to its end): a whole name, so `x` is not the
/// end of `cx`.
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let key = format!("{name}=\"");
    let mut from = 0;
    while let Some(i) = tag.get(from..)?.find(&key) {
        let at = from + i;
        if at == 0 || tag.as_bytes()[at - 1].is_ascii_whitespace() {
            let start = at + key.len();
            return tag[start..].find('"').map(|end| &tag[start..start + end]);
        }
        from = at + 1;
    }
    None
}

/// A number attribute of a tag (see [`attr`]).
fn num(tag: &str, name: &str) -> Option<f64> {
    attr(tag, name)?.parse().ok()
}

/// The `(cx, cy)` of every point circle, in order.
fn points(svg: &str) -> Vec<(f64, f64)> {
    svg.split("<circle class=\"point\"")
        .skip(1)
        .map(|tag| (num(tag, "cx").expect("cx"), num(tag, "cy").expect("cy")))
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
    assert!(reported[3].1 < reported[2].1, "650 is drawn above 450");
    // Bands are filled rectangles; open bands say so at the top.
    assert!(svg.matches("<rect").count() >= n, "a band per point");
    // No figure of the mission is open: no band says so.
    assert!(c
        .series
        .iter()
        .flat_map(|s| &s.points)
        .all(|p| p.bounds.high().is_some()));
    assert!(!svg.contains("open ↑"));
    for label in [
        "\ntroops\n",
        ">2020-01-09<",
        ">reported total<",
        ">national contributions (sum)<",
        ">dashed: planned (announced moves carried out)<",
        ">line: the exact figure, or the middle of its range<",
        ">band: lowest to highest the evidence allows<",
    ] {
        assert!(svg.contains(label), "{label}");
    }
    // The legend sits below every point and inside the picture.
    let legend = legend_of(&svg);
    let lowest = xy.iter().map(|p| p.1).fold(0.0, f64::max);
    let ys: Vec<f64> = legend.split('<').filter_map(|tag| num(tag, "y")).collect();
    assert!(!ys.is_empty());
    for y in ys {
        assert!(
            y > lowest && y <= f64::from(DEFAULT_SIZE.1),
            "legend at y={y}"
        );
    }
    // Iraq's planned figures are open (the coalition's unnamed
    // contributors have no stated total): each open band says so, and the
    // legend explains it.
    let c = subject_chart(&data, Subject::Location("IRQ".parse().expect("code")));
    let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
    let open = c
        .series
        .iter()
        .flat_map(|s| &s.points)
        .filter(|p| p.bounds.high().is_none())
        .count();
    assert!(open > 0);
    // One label per run of open bands of a series drawn with bands.
    let labels = svg.matches("\nopen ↑\n").count();
    assert!((1..=open).contains(&labels), "{labels} labels, {open} open");
    assert!(svg.contains(">open ↑: no upper bound (the line at the lowest)<"));
}

/// The x, the anchor, the text and the width of a character of every
/// `<text>` the chart writes itself (title, caption, ticks, legend).
fn texts(svg: &str) -> Vec<(f64, &str, &str, f64)> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|rest| {
            let (tag, after) = rest.split_once('>')?;
            // (The troop axis' name is drawn turned.)
            if tag.contains("rotate(") {
                return None;
            }
            let text = after.split("</text>").next()?.trim();
            let x = num(tag, "x")?;
            let anchor = if tag.contains("text-anchor=\"middle\"") {
                "middle"
            } else if tag.contains("text-anchor=\"end\"") {
                "end"
            } else {
                "start"
            };
            // The title is 20 px bold: DejaVu Sans Bold is at most 13 px
            // a character on average; the rest is 12-13 px, 7 px.
            let per_char = if tag.contains("class=\"title\"") {
                13.0
            } else {
                7.0
            };
            Some((x, anchor, text, per_char))
        })
        .collect()
}

/// The time axis has a label per 95 pixels of the plot's width at most
/// (two at least), at every width: the labels thin out as the picture
/// narrows. The plot's width is read from its drawn x axis.
#[test]
fn the_time_axis_has_a_label_per_95_pixels_at_most() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    let mut widest = 0;
    for subject in subjects(&data) {
        let c = chart(&ledger, &subject);
        for width in (600..=2400).step_by(100) {
            let Ok(svg) = render_svg(&c, (width, 540)) else {
                continue;
            };
            let axis = svg
                .split("<polyline ")
                .skip(1)
                .filter(|tag| attr(tag, "stroke") == Some("#000000"))
                .filter_map(|tag| {
                    let ends = vertices(attr(tag, "points")?);
                    let (a, b) = (ends.first()?, ends.last()?);
                    (a.1 == b.1).then_some(b.0 - a.0 + 1.0)
                })
                .next()
                .expect("an x axis");
            let ticks = svg.split("<g class=\"ticks\"").nth(1).expect("ticks");
            let ticks = ticks.split("</g>").next().expect("closed");
            let days = ticks
                .split("<text ")
                .filter(|tag| attr(tag, "text-anchor") == Some("middle"))
                .count();
            let most = ((axis / 95.0) as usize).max(2);
            assert!(
                days <= most,
                "{subject:?} at {width}: {days} labels on {axis} px"
            );
            widest = widest.max(days);
        }
    }
    // The widest pictures draw the NMI chart's 36 days every other day.
    assert!(widest >= 18, "{widest}");
}

/// Every text of the chart lies within `width`.
fn assert_nothing_cut(svg: &str, title: &str, width: u32) {
    for (x, anchor, text, per_char) in texts(svg) {
        let w = text.chars().count() as f64 * per_char;
        let (left, right) = match anchor {
            "middle" => (x - w / 2.0, x + w / 2.0),
            "end" => (x - w, x),
            _ => (x, x + w),
        };
        assert!(
            left >= 0.0 && right <= f64::from(width),
            "{title}: {text:?} at {x} ({anchor}) runs off {width}px"
        );
    }
}

/// No text runs off the picture: each text's extent, at 7 pixels a
/// character (DejaVu Sans at 12-13 px is narrower), lies within the
/// width; the time axis has calendar ticks and the troop axis thousands
/// separators.
#[test]
fn no_label_is_cut_and_ticks_are_round() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    for subject in subjects(&data) {
        let c = chart(&ledger, &subject);
        if c.is_empty() {
            continue;
        }
        for size in [DEFAULT_SIZE, (640, 480), (1600, 900)] {
            let svg = render_svg(&c, size).expect("draws");
            assert_nothing_cut(&svg, &c.title, size.0);
        }
    }
    // A long name (the UN's missions have them) wraps: the title over
    // lines of its own, the caption with it.
    let mut long = chart(&ledger, &Subject::Mission("NMI".parse().expect("id")));
    long.title = "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo (MONUSCO)".to_owned();
    for size in [DEFAULT_SIZE, (640, 480)] {
        let svg = render_svg(&long, size).expect("draws");
        assert_nothing_cut(&svg, &long.title, size.0);
        assert!(svg.matches("class=\"title\"").count() >= 2);
    }
    let all = render_svg(&chart(&ledger, &Subject::All), DEFAULT_SIZE).expect("draws");
    assert!(all.contains(">10,000<"), "thousands separated");
    assert!(!all.contains(">10000<"));
}

#[test]
fn a_chart_of_a_closed_figure_draws_no_open_band() {
    let data = bundled();
    let c = subject_chart(&data, Subject::Nation("DEU".parse().expect("code")));
    let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
    assert!(!svg.contains("open ↑"));
    assert!(!svg.contains("planned"));
    // The total and its two locations, one point each.
    assert_eq!(points(&svg).len(), 3);
}

/// The centre of every mark, circle or diamond, in the order drawn
/// (series by series, point by point).
fn mark_centres(svg: &str) -> Vec<(f64, f64)> {
    svg.split("class=\"point")
        .skip(1)
        // (Not the group of them, `class="points"`.)
        .filter(|tag| !tag.starts_with('s'))
        .map(|tag| {
            let tag = tag.split('>').next().expect("a tag");
            if let (Some(x), Some(y)) = (attr(tag, "cx"), attr(tag, "cy")) {
                return (x.parse().expect("cx"), y.parse().expect("cy"));
            }
            let corners = vertices(attr(tag, "points").expect("a circle or a diamond"));
            let n = corners.len() as f64;
            let sum = corners
                .iter()
                .fold((0.0, 0.0), |(x, y), c| (x + c.0, y + c.1));
            (sum.0 / n, sum.1 / n)
        })
        .collect()
}

/// The `x,y` pairs of a `points` attribute.
fn vertices(points: &str) -> Vec<(f64, f64)> {
    points
        .split_whitespace()
        .map(|pair| {
            let (x, y) = pair.split_once(',').expect("x,y");
            (x.parse().expect("x"), y.parse().expect("y"))
        })
        .collect()
}

/// The corners of every line drawn in colour (not the grey grid, not the
/// black axes).
fn coloured_corners(svg: &str) -> Vec<(f64, f64)> {
    svg.split("<polyline ")
        .skip(1)
        .filter(|tag| !tag.contains("#000000") && !tag.contains("#E1E1E1"))
        .flat_map(|tag| vertices(attr(tag, "points").expect("points")))
        .collect()
}

/// Every point of a total or a part that was carried out is a corner of
/// a line drawn in colour (not the grey grid, not the black axes): the
/// step line goes through each figure's mark.
#[test]
fn each_point_carried_out_is_on_its_series_line() {
    for data in [bundled(), moving()] {
        let ledger = Ledger::new(&data);
        let mut checked = 0;
        for subject in subjects(&data) {
            let c = chart(&ledger, &subject);
            if c.is_empty() {
                continue;
            }
            let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
            let corners = coloured_corners(&svg);
            let points: Vec<_> = c
                .series
                .iter()
                .flat_map(|s| s.points.iter().map(move |p| (s.role, p)))
                .collect();
            let centres = mark_centres(&svg);
            assert_eq!(centres.len(), points.len(), "{}: a mark per point", c.title);
            for ((role, p), (x, y)) in points.into_iter().zip(centres) {
                if role == Role::Apart || p.planned {
                    continue;
                }
                assert!(
                    corners
                        .iter()
                        .any(|c| (c.0 - x).abs() <= 1.0 && (c.1 - y).abs() <= 1.0),
                    "{}: the point of {} at ({x}, {y}) is on no line",
                    c.title,
                    p.day
                );
                checked += 1;
            }
        }
        assert!(checked > 10, "{checked} points checked");
    }
}

/// An open band that starts near the right end has its label end at the
/// band's start, inside the plot, rather than run off it.
#[test]
fn an_open_label_near_the_right_end_stays_inside_the_plot() {
    let data = bundled();
    let mut c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let last = c.series[0].points.last_mut().expect("a point");
    last.bounds = troop_tracker::Interval::at_least(last.bounds.low());
    for size in [DEFAULT_SIZE, (640, 480)] {
        let svg = render_svg(&c, size).expect("draws");
        assert_nothing_cut(&svg, &c.title, size.0);
        // The time axis (plotters' black horizontal line) spans the plot.
        let axis = svg
            .lines()
            .filter(|l| l.starts_with("<polyline") && l.contains("#000000"))
            .map(|l| vertices(attr(l, "points").expect("points")))
            .find(|v| v[0].1 == v[1].1)
            .expect("a time axis");
        let labels: Vec<_> = texts(&svg)
            .into_iter()
            .filter(|t| t.2 == "open ↑")
            .collect();
        assert_eq!(labels.len(), 1, "{size:?}");
        let (x, anchor, text, per_char) = labels[0];
        assert_eq!(
            anchor, "end",
            "{size:?}: the label ends at its band's start"
        );
        let width = text.chars().count() as f64 * per_char;
        assert!(
            x - width >= axis[0].0 && x <= axis[1].0,
            "{size:?}: open label from {} to {x} outside the plot {axis:?}",
            x - width
        );
    }
}

/// An open band's label starts at its band unless the band starts past
/// 85% of the plot's width, where it ends there instead. Over 500 days
/// the plot runs from 5 days before the first to 15 after the last: 85%
/// of its 520 days is day 437 after the first.
#[test]
fn an_open_label_turns_to_end_at_its_band_past_85_percent_of_the_plot() {
    let data = bundled();
    let mut c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let first: troop_tracker::Day = "2020-01-01".parse().expect("a day");
    let on = |days: u64| {
        first
            .checked_add_days(chrono::Days::new(days))
            .expect("a day")
            .to_string()
    };
    for (open_on, anchor) in [(0, "start"), (437, "start"), (438, "end")] {
        let exactly = troop_tracker::Interval::exactly(100);
        c.series = vec![a_total(vec![
            point_of(&on(0), exactly, false),
            point_of(&on(open_on), troop_tracker::Interval::at_least(100), false),
            point_of(&on(500), exactly, false),
        ])];
        if open_on == 0 {
            c.series[0].points.remove(0);
        }
        let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
        let labels: Vec<_> = texts(&svg)
            .into_iter()
            .filter(|t| t.2 == "open ↑")
            .collect();
        assert_eq!(labels.len(), 1, "{open_on}");
        assert_eq!(labels[0].1, anchor, "day {open_on}");
    }
}

/// Ten totals opening on one day: each series' `open ↑` label sits one
/// row below the one before, eight rows deep, then the rows start over.
#[test]
fn open_labels_of_series_opening_together_step_down_eight_rows() {
    let data = bundled();
    let mut c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let mut whole = c.series[0].clone();
    assert_eq!(whole.role, Role::Whole);
    // One run of open bands: every point carried out, none bounded above.
    whole.points.retain(|p| !p.planned);
    assert!(!whole.points.is_empty());
    for p in &mut whole.points {
        p.bounds = troop_tracker::Interval::at_least(p.bounds.low());
    }
    c.series = (0..10)
        .map(|i| {
            let mut s = whole.clone();
            s.label = format!("Total {i}");
            s
        })
        .collect();
    let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
    // The height of each label, in the order drawn (series by series).
    let ys: Vec<f64> = svg
        .split("<text ")
        .skip(1)
        .filter(|rest| {
            rest.split_once('>').is_some_and(|(_, after)| {
                after.split("</text>").next().map(str::trim) == Some("open ↑")
            })
        })
        .map(|rest| num(rest, "y").expect("y"))
        .collect();
    assert_eq!(ys.len(), 10, "one label per series: {ys:?}");
    for k in 1..8 {
        assert!(
            ys[k] > ys[k - 1] + 5.0,
            "label {k} not below the one before: {ys:?}"
        );
    }
    assert!(
        (ys[8] - ys[0]).abs() < 0.5,
        "the ninth label not back at the top: {ys:?}"
    );
    assert!((ys[9] - ys[1]).abs() < 0.5, "{ys:?}");
}

/// The caption names the first eight sources and counts the rest, and
/// says how many smaller parts are counted but not drawn.
#[test]
fn a_caption_names_eight_sources_and_counts_what_is_not_drawn() {
    let data = bundled();
    let mut c = subject_chart(&data, Subject::All);
    c.sources = (1..=11).map(|i| format!("s{i}")).collect();
    c.parts_left_out = 3;
    let caption = c.caption();
    assert!(
        caption.ends_with(" Sources: s1, s2, s3, s4, s5, s6, s7, s8, and 3 more."),
        "{caption}"
    );
    assert!(
        caption.contains(" (3 smaller parts are counted in the total, not drawn), at the end"),
        "{caption}"
    );
    // Eight are all named, with nothing more to count.
    c.sources.truncate(8);
    let caption = c.caption();
    assert!(
        caption.ends_with(" Sources: s1, s2, s3, s4, s5, s6, s7, s8."),
        "{caption}"
    );
    c.sources.truncate(1);
    c.parts_left_out = 0;
    let caption = c.caption();
    assert!(caption.ends_with(" Source: s1."), "{caption}");
    assert!(!caption.contains("not drawn"), "{caption}");
}

/// The caption says what is counted, in the subject's words: a nation's
/// troops by location, a host country's by nation, a mission's total and
/// contributions, everything by nation.
#[test]
fn a_caption_counts_the_subjects_troops_in_its_words() {
    let data = bundled();
    for (subject, counted) in [
        (
            Subject::Nation("DEU".parse().expect("code")),
            "Counted: troops of Germany (DEU), by location and in total, at the end",
        ),
        (
            Subject::Location("IRQ".parse().expect("code")),
            "Counted: troops in Iraq (IRQ), by nation and in total, at the end",
        ),
        (
            Subject::Mission("NMI".parse().expect("id")),
            "Counted: troops of NATO Mission Iraq (NMI): its reported total and the sum of its national contributions, at the end",
        ),
        (
            Subject::All,
            "Counted: all troops recorded, by nation and in total, at the end",
        ),
    ] {
        let caption = subject_chart(&data, subject).caption();
        assert!(caption.starts_with(counted), "{caption}");
    }
}

#[test]
fn nothing_to_draw_is_an_error_naming_the_subject() {
    let data = bundled();
    // Spain has troops in the data (a planned transfer) but none in Spain.
    let c = subject_chart(&data, Subject::Location("ESP".parse().expect("code")));
    assert!(c.is_empty());
    match render_svg(&c, DEFAULT_SIZE) {
        Err(e @ ChartError::Empty { .. }) => assert_eq!(
            e.to_string(),
            "nothing to draw: Troops in Spain (ESP) has no figure in the data"
        ),
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
    // The plot needs 60 pixels of height under the title and caption and
    // above the legend and the time axis' labels: at 960 wide, the NMI
    // chart's title (one line), caption (three) and legend (two rows, no
    // figure being open) take 104 + 62 + 18 pixels, so 243 is too low and
    // 244 is enough.
    let nmi = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    match render_svg(&nmi, (960, 243)) {
        Err(e @ ChartError::Drawing(_)) => {
            // The message gives the room each part takes.
            assert_eq!(
                e.to_string(),
                "could not draw the chart: 960x243 pixels leave no room for the plot \
                 under the title and caption (104 pixels) and above the legend \
                 (44 pixels, 2 rows): a larger --size draws it"
            )
        }
        other => panic!("expected no room, found {other:?}"),
    }
    assert!(render_svg(&nmi, (960, 244)).is_ok());
}

#[test]
fn the_series_serialize_with_numbers() {
    let data = bundled();
    let c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let json = serde_json::to_value(&c).expect("serializes");
    let last = &json["series"][0]["points"][3];
    assert_eq!(last["bounds"]["low"], 650);
    assert_eq!(last["bounds"]["high"], 850);
    assert_eq!(last["planned"], true);
    // An open figure has no upper bound: null, not a number.
    let c = subject_chart(&data, Subject::Location("IRQ".parse().expect("code")));
    let json = serde_json::to_value(&c).expect("serializes");
    let last = &json["series"][0]["points"][4];
    assert_eq!(last["bounds"]["low"], 515);
    assert!(last["bounds"]["high"].is_null());
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

/// PNG: the same picture rasterised at the size asked for, its text
/// drawn with the embedded font (a machine with no fonts draws it too).
#[cfg(feature = "png")]
#[test]
fn png_charts_have_the_size_asked_for_and_their_text() {
    use troop_tracker::chart::{render_png, svg_to_png};
    let data = bundled();
    let c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let size_of = |png: &[u8]| {
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG signature");
        let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().expect("4 bytes"));
        (be(16), be(20))
    };
    for size in [DEFAULT_SIZE, (640, 480)] {
        let png = render_png(&c, size).expect("draws");
        assert_eq!(size_of(&png), size);
    }
    let page = |body: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\">{body}</svg>"
        )
    };
    let blank = svg_to_png(&page("")).expect("rasterises");
    let text = svg_to_png(&page(
        "<text x=\"10\" y=\"30\" font-family=\"sans-serif\" font-size=\"20\">troops 1,000</text>",
    ))
    .expect("rasterises");
    assert_eq!(size_of(&blank), (200, 40));
    assert_ne!(blank, text, "the text is drawn");
    // Text that names no family is drawn in the embedded font as well.
    let unnamed = svg_to_png(&page(
        "<text x=\"10\" y=\"30\" font-size=\"20\">troops 1,000</text>",
    ))
    .expect("rasterises");
    assert_eq!(unnamed, text, "the same font");
    assert!(matches!(
        svg_to_png("not an svg"),
        Err(ChartError::Drawing(_))
    ));
    assert!(matches!(
        render_png(
            &subject_chart(&data, Subject::Location("ESP".parse().expect("code"))),
            DEFAULT_SIZE
        ),
        Err(ChartError::Empty { .. })
    ));
}

/// A small world where bounds change between records: a temporary move
/// (its troops may come back from the next day on), a figure at a vague
/// date and a move of "some" at another.
fn moving() -> Dataset {
    let article = "Canada has 100 troops in Iraq.\nCanada moved 40 troops to Kuwait temporarily.\n\
                   The United States has at least 10 troops in Baghdad.\nThe United States moved some troops to Kuwait.\n";
    let files = [
        ("article.txt", article.to_owned()),
        (
            "sources.csv",
            "id,file,title,outlet,published,date_basis\ns1,article.txt,T,O,2020-02-20,stated: x\n"
                .to_owned(),
        ),
        (
            "nations.csv",
            "code,name,nato_joined,reference\nCAN,Canada,,\nIRQ,Iraq,,\nKWT,Kuwait,,\nUSA,United States,,\n"
                .to_owned(),
        ),
        ("missions.csv", "id,name,organization,lead,partners,host,launched,combat_role,source,quote,role_source,role_quote\n".to_owned()),
        ("mission_strengths.csv", "id,mission,as_of,strength,words,source,quote,note\n".to_owned()),
        ("events.csv", "id,date,reported,kind,organization,mission,nation,location,region,count,unit,same_as,condition,words,source,quote,note\n".to_owned()),
        (
            "deployments.csv",
            "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\n\
             D1,CAN,IRQ,,2020-01-01,,100,,100,s1,Canada has 100 troops in Iraq.,\n\
             D2,USA,IRQ/Baghdad,,mid 2020-01,,>=10,,at least 10,s1,The United States has at least 10 troops in Baghdad.,\n"
                .to_owned(),
        ),
        (
            "relocations.csv",
            "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n\
             R1,CAN,2020-01-05,40,IRQ,,KWT,,yes,carried_out,,,40,s1,Canada moved 40 troops to Kuwait temporarily.,\n\
             R2,USA,late 2020-01,some,IRQ/Baghdad,,KWT,,,carried_out,,,some,s1,The United States moved some troops to Kuwait.,\n"
                .to_owned(),
        ),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Dataset::from_texts(&refs).expect("the small world loads")
}

/// On every day from a chart's first point to past its last, the step
/// each series holds is that day's posture: the chart cut to start on
/// that day (whose first point is the posture of the day, read afresh)
/// gives the same bounds, series by series, actual and planned; the
/// whole data's total is also the posture's own.
#[test]
fn every_day_between_points_holds_that_days_bounds() {
    for data in [bundled(), moving()] {
        let ledger = Ledger::new(&data);
        for subject in subjects(&data) {
            let full = chart(&ledger, &subject);
            let days: Vec<troop_tracker::Day> = full
                .series
                .iter()
                .flat_map(|s| &s.points)
                .map(|p| p.day)
                .collect();
            let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) else {
                continue;
            };
            let mut day = *first;
            while day <= *last + chrono::Days::new(3) {
                let options = ChartOptions {
                    from: Some(day),
                    to: Some(day),
                };
                let cut = chart_with(&ledger, &subject, options);
                for (k, s) in cut
                    .series
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.role != Role::Apart)
                {
                    // A whole is the same series whether or not the chart
                    // is split (its label says "(total)" when it is); a
                    // part is found by its label.
                    let drawn = match s.role {
                        Role::Whole => full.series.get(k),
                        _ => full.series.iter().find(|f| f.label == s.label),
                    };
                    for p in &s.points {
                        let holding = drawn.and_then(|f| {
                            f.points
                                .iter()
                                .rfind(|q| q.planned == p.planned && q.day <= day)
                        });
                        assert_eq!(
                            holding.map(|q| q.bounds),
                            Some(p.bounds),
                            "{}: {} on {day} (planned: {})",
                            full.title,
                            s.label,
                            p.planned
                        );
                    }
                }
                if subject == Subject::All {
                    let whole = full.series[0]
                        .points
                        .iter()
                        .rfind(|q| !q.planned && q.day <= day)
                        .expect("a point by then");
                    assert_eq!(whole.bounds, ledger.posture(day).total(), "{day}");
                }
                day = day.succ_opt().expect("a next day");
            }
        }
    }
}

/// Text from the data cannot break the picture: a control character is
/// replaced (the SVG stays well-formed, so it rasterises), a name with no
/// space is cut over lines, and counts of billions keep their labels
/// inside the picture.
#[test]
fn odd_names_and_huge_counts_stay_inside_a_well_formed_picture() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    let mut c = chart(&ledger, &Subject::Mission("NMI".parse().expect("id")));
    c.title = "Can\u{1}ada \u{1b}[31m <b>&".to_owned();
    c.series[0].label = "x\u{0}y\u{FFFE}".to_owned();
    let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
    assert!(!svg.contains(['\u{0}', '\u{1}', '\u{1b}', '\u{FFFE}']));
    assert!(svg.contains("Can\u{FFFD}ada \u{FFFD}[31m &lt;b&gt;&amp;"));
    #[cfg(feature = "png")]
    assert!(troop_tracker::chart::render_png(&c, DEFAULT_SIZE).is_ok());
    c.title = "Supercalifragilisticexpialidocious".repeat(6);
    c.series[0].label = "Antidisestablishmentarianism".repeat(4);
    let mut huge = c.clone();
    for s in &mut huge.series {
        for p in &mut s.points {
            p.bounds =
                troop_tracker::Interval::new(5_000_000_000, 900_000_000_000_000).expect("ordered");
        }
    }
    for chart in [&c, &huge] {
        for size in [DEFAULT_SIZE, (640, 480)] {
            let svg = render_svg(chart, size).expect("draws");
            assert_nothing_cut(&svg, "odd", size.0);
        }
    }
    assert!(render_svg(&huge, DEFAULT_SIZE)
        .expect("draws")
        .contains(">1,000,000,000,000,000<"));
}

/// Only a host country's or a mission's chart draws disagreeing series
/// (at most six): the whole data's and a nation's leave them out and say
/// how many.
#[test]
fn disagreeing_series_are_drawn_on_host_country_charts_only() {
    // The excerpt with a June series for Japan well above its September
    // one, by a factor that changes: it stands apart.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/troopdata");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("the excerpt");
    let mut quarterly = read("troopdata-rebuild-country-year-quarter-format.csv");
    quarterly.push_str(&common::japan_june_apart("740"));
    let reports = read("troopdata-rebuild-reports.csv");
    let import = troop_tracker::import::troopdata::from_texts(
        ("q.csv".into(), quarterly),
        Some(("r.csv".into(), reports)),
    )
    .expect("imports");
    let ledger = Ledger::new(&import.dataset);
    let apart = |c: &Chart| c.series.iter().filter(|s| s.role == Role::Apart).count();
    let mut by_country = 0;
    for nation in import.dataset.nations() {
        let c = chart(&ledger, &Subject::Location(nation.code()));
        assert!(apart(&c) <= troop_tracker::chart::MOST_PARTS);
        by_country += apart(&c) + c.apart_left_out;
    }
    for subject in [Subject::All, Subject::Nation("USA".parse().expect("code"))] {
        let c = chart(&ledger, &subject);
        assert_eq!(apart(&c), 0, "{}", c.title);
        assert_eq!(c.apart_left_out, by_country, "{}", c.title);
        assert!(c
            .caption()
            .contains(&format!("{by_country} series of figures that disagree")));
    }
    assert!(by_country > 0, "Japan's June series stands apart");
}

/// A chart's total drawn by hand from its points.
fn a_total(points: Vec<troop_tracker::chart::Point>) -> troop_tracker::chart::Series {
    troop_tracker::chart::Series {
        label: "total".into(),
        role: Role::Whole,
        points,
    }
}

/// A point drawn by hand, of record `R`.
fn point_of(
    day: &str,
    bounds: troop_tracker::Interval,
    planned: bool,
) -> troop_tracker::chart::Point {
    troop_tracker::chart::Point {
        day: day.parse().expect("a day"),
        bounds,
        planned,
        records: vec!["R".into()],
        not_reported: false,
        flags: Vec::new(),
    }
}

/// A closed band runs under each step from its figure's day to the next
/// figure's (the last to the plot's right end), from the figure's
/// highest down to its lowest.
#[test]
fn a_band_spans_its_step_from_high_to_low() {
    let data = bundled();
    let mut c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let range = |low, high| troop_tracker::Interval::new(low, high).expect("a range");
    c.series = vec![a_total(vec![
        point_of("2020-01-09", range(200, 400), false),
        point_of("2020-03-01", range(300, 500), false),
        point_of("2020-06-01", range(100, 600), false),
    ])];
    let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
    let marks = mark_centres(&svg);
    assert_eq!(marks.len(), 3);
    let bands: Vec<[f64; 4]> = svg
        .split("<rect ")
        .skip(1)
        .filter(|tag| attr(tag, "opacity") == Some("0.18"))
        .map(|tag| ["x", "y", "width", "height"].map(|a| num(tag, a).expect("a number")))
        .collect();
    assert_eq!(bands.len(), 3, "{bands:?}");
    let right = bands[2][0] + bands[2][2];
    for (k, band) in bands.iter().enumerate() {
        let end = marks.get(k + 1).map_or(right, |m| m.0);
        assert!(
            (band[0] - marks[k].0).abs() <= 1.0,
            "{k}: {band:?} {marks:?}"
        );
        assert!(
            (band[0] + band[2] - end).abs() <= 1.0,
            "{k}: {band:?} {marks:?}"
        );
        // The line is at the middle of the range.
        let middle = band[1] + band[3] / 2.0;
        assert!(
            (middle - marks[k].1).abs() <= 1.0,
            "{k}: {band:?} {marks:?}"
        );
    }
    assert!(
        right > marks[2].0 + 5.0,
        "the last band reaches on: {bands:?}"
    );
    // 100..600 is two and a half times as tall as 200..400.
    assert!((bands[2][3] / bands[0][3] - 2.5).abs() < 0.05, "{bands:?}");
}

/// A series apart is drawn dotted from figure to figure and broken where
/// two years or more pass without one: no dash between a figure of
/// January 2020 and the next, of January 2023.
#[test]
fn a_series_apart_breaks_where_two_years_pass_without_a_figure() {
    let data = bundled();
    let mut c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let point = |day: &str, n: u64| point_of(day, troop_tracker::Interval::exactly(n), false);
    c.series.push(troop_tracker::chart::Series {
        label: "apart".into(),
        role: Role::Apart,
        points: vec![
            point("2020-01-09", 300),
            point("2020-01-30", 310),
            point("2023-01-30", 320),
        ],
    });
    let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
    let xs: Vec<f64> = svg
        .split("<circle class=\"point\"")
        .skip(1)
        .filter(|tag| tag.contains(": apart "))
        .map(|tag| num(tag, "cx").expect("cx"))
        .collect();
    assert_eq!(xs.len(), 3);
    // The series' colour, as the legend gives it, in the lines' notation.
    let swatch = legend_of(&svg).split(">apart<").next().expect("an entry");
    let swatch = swatch.rsplit("<line ").next().expect("a swatch");
    let rgb: Vec<u8> = attr(swatch, "stroke")
        .and_then(|s| s.strip_prefix("rgb(")?.strip_suffix(')'))
        .expect("rgb")
        .split(',')
        .map(|v| v.parse().expect("a byte"))
        .collect();
    let hex = format!("#{:02X}{:02X}{:02X}", rgb[0], rgb[1], rgb[2]);
    let dashes: Vec<f64> = svg
        .split("<polyline ")
        .skip(1)
        .filter(|tag| attr(tag, "stroke") == Some(hex.as_str()))
        .flat_map(|tag| vertices(attr(tag, "points").expect("points")))
        .map(|v| v.0)
        .collect();
    assert!(
        dashes.iter().any(|x| *x > xs[0] + 1.0 && *x < xs[1] - 1.0),
        "{hex}: {dashes:?}"
    );
    assert!(
        !dashes.iter().any(|x| *x > xs[1] + 1.0 && *x < xs[2] - 1.0),
        "{dashes:?}"
    );
}

/// A plan's dashed steps start on the day of the first plan at the last
/// figure carried out before it (March's 400, not the plan's 500): the
/// reader sees the move from where the troops were.
#[test]
fn a_plan_is_dashed_from_the_figure_before_it() {
    let data = bundled();
    let mut c = subject_chart(&data, Subject::Mission("NMI".parse().expect("id")));
    let point = |day: &str, n: u64, planned: bool| {
        point_of(day, troop_tracker::Interval::exactly(n), planned)
    };
    c.series = vec![a_total(vec![
        point("2020-01-09", 300, false),
        point("2020-03-01", 400, false),
        point("2020-06-01", 500, true),
    ])];
    let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
    let marks = mark_centres(&svg);
    assert_eq!(marks.len(), 3);
    let (x_plan, y_before) = (marks[2].0, marks[1].1);
    let corners = coloured_corners(&svg);
    let near = |(x, y): (f64, f64)| {
        corners
            .iter()
            .any(|c| (c.0 - x).abs() <= 1.0 && (c.1 - y).abs() <= 1.0)
    };
    assert!(near((x_plan, y_before)), "{corners:?}");
    // And on to the plan's figure.
    assert!(near(marks[2]), "{corners:?}");
}

/// A figure held jointly with other countries may be in each of them in
/// any part: a host country's total and chart count it from none to all
/// of it (Germany's 30 sent to Jordan and Kuwait), never leave it out.
#[test]
fn a_joint_destination_may_be_in_each_of_its_countries() {
    let data = bundled();
    let ledger = Ledger::new(&data);
    let day = "2020-01-10".parse().expect("day");
    let posture = ledger.posture(day);
    let kwt = posture.in_country("KWT".parse().expect("code"));
    assert!(kwt
        .entries()
        .iter()
        .any(|e| e.key().to_string() == "DEU in JOR+KWT"));
    assert_eq!(kwt.total().to_string(), "0..529");
    let jor = posture.in_country("JOR".parse().expect("code"));
    assert_eq!(jor.total().to_string(), "0..30");
    // The chart of each country says so on the day.
    for (code, bounds) in [("KWT", "0..529"), ("JOR", "0..30")] {
        let c = chart_with(
            &ledger,
            &Subject::Location(code.parse().expect("code")),
            ChartOptions {
                from: Some(day),
                to: Some(day),
            },
        );
        assert_eq!(c.series[0].points[0].bounds.to_string(), bounds, "{code}");
    }
    // A country no joint figure touches is summed as before.
    let irq = posture.in_country("IRQ".parse().expect("code"));
    assert_eq!(irq.total(), irq.by_location()[0].total);
}

/// The days' axis runs from a little before the first point to a little
/// more after the last: 1% of the span before (at least a day, at most
/// 30) and 3% after (at least a day, at most 92), read off the grid lines,
/// which span the plot from edge to edge.
#[test]
fn the_days_axis_has_room_before_and_after_in_proportion() {
    use troop_tracker::import::troopdata;
    const QUARTERLY: &str = "ccode,iso3c,countryname,year,month,quarter,source,troops_ad\n";
    for years in [1, 2, 20] {
        let mut q = QUARTERLY.to_owned();
        for y in 0..=years {
            q.push_str(&format!(
                "1,KOR,Korea,{},September,3,September,{}\n",
                1960 + y,
                1000 + 10 * y
            ));
        }
        let import = troopdata::from_texts(("q.csv".into(), q), None).expect("imports");
        let c = subject_chart(
            &import.dataset,
            Subject::Nation("USA".parse().expect("code")),
        );
        let days: Vec<troop_tracker::Day> = c
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.day))
            .collect();
        let (first, last) = (
            days.iter().min().expect("points"),
            days.iter().max().expect("points"),
        );
        let span = (*last - *first).num_days() as f64;
        let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
        let xs: Vec<f64> = mark_centres(&svg).iter().map(|m| m.0).collect();
        let (x_first, x_last) = (
            xs.iter().copied().fold(f64::INFINITY, f64::min),
            xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        );
        let per_day = (x_last - x_first) / span;
        // A horizontal grey grid line: from the left edge to the right.
        let v = svg
            .split("<polyline")
            .skip(1)
            .map(|tag| tag.split("/>").next().expect("a tag"))
            .filter(|tag| tag.contains("#E1E1E1"))
            .map(|tag| vertices(attr(tag, "points").expect("points")))
            .find(|v| v.len() == 2 && v[0].1 == v[1].1)
            .unwrap_or_else(|| panic!("a grid line in {svg}"));
        let (before, after) = ((x_first - v[0].0) / per_day, (v[1].0 - x_last) / per_day);
        let want = (
            (span * 0.01).clamp(1.0, 30.0),
            (span * 0.03).clamp(1.0, 92.0),
        );
        // Within a pixel (the picture's coordinates are whole pixels).
        assert!(
            (before - want.0).abs() * per_day <= 1.5,
            "{years} years: {before} days before, {want:?}"
        );
        assert!(
            (after - want.1).abs() * per_day <= 1.5,
            "{years} years: {after} days after, {want:?}"
        );
    }
}

/// A whole's planned band is drawn at half the shade of its actual one
/// (a closed band at 0.18, an open one at 0.18 / 2.5): a plan reads as
/// less certain than what happened. Iraq's total has both kinds of point;
/// its plans are open.
#[test]
fn planned_bands_are_half_the_shade_of_actual_ones() {
    let data = bundled();
    let c = subject_chart(&data, Subject::Location("IRQ".parse().expect("code")));
    let svg = render_svg(&c, DEFAULT_SIZE).expect("draws");
    let shades: std::collections::BTreeSet<String> = svg
        .split("<rect")
        .skip(1)
        .filter_map(|tag| attr(tag.split("/>").next()?, "opacity").map(str::to_owned))
        .collect();
    let expected: std::collections::BTreeSet<String> = c
        .series
        .iter()
        .filter(|s| s.role == Role::Whole)
        .flat_map(|s| &s.points)
        .map(|p| {
            let closed = if p.bounds.high().is_some() { 1.0 } else { 2.5 };
            let planned = if p.planned { 2.0 } else { 1.0 };
            format!("{}", 0.18 / closed / planned)
        })
        .collect();
    assert!(
        expected.contains("0.036"),
        "a planned open band: {expected:?}"
    );
    for shade in &expected {
        assert!(shades.contains(shade), "{shade} in {shades:?}");
    }
}

/// The troop axis reaches a little above the highest figure (a twentieth),
/// and well above it (a quarter) when a band is open, so that an open
/// band reads as reaching past the top.
#[test]
fn the_troop_axis_has_room_above_the_highest_figure() {
    use troop_tracker::import::troopdata;
    const QUARTERLY: &str = "ccode,iso3c,countryname,year,month,quarter,source,troops_ad\n";
    use world::{fig, n, Count, Place, Spec, When};
    let data = bundled();
    // 850 in one country and at least 500 in another: an open band whose
    // lowest, and the open total's, need the quarter's room.
    let open = Spec::default()
        .report(fig(&[Place::B], false), n(850), When::Day(1))
        .report(
            fig(&[Place::C], false),
            Count {
                low: 500,
                high: None,
            },
            When::Day(2),
        )
        .load();
    let mut charts = vec![
        subject_chart(&data, Subject::Location("IRQ".parse().expect("code"))),
        subject_chart(&open, Subject::Nation(world::NATION.parse().expect("code"))),
    ];
    // Highest figures just below a round step: 960 (a twentieth more
    // is 1,008, past 1,000), 95 and 1,900.
    for top in [960, 95, 1900] {
        let mut q = QUARTERLY.to_owned();
        for (y, n) in [(1960, top / 2), (1961, top), (1962, top * 3 / 4)] {
            q.push_str(&format!("1,KOR,Korea,{y},September,3,September,{n}\n"));
        }
        let import = troopdata::from_texts(("q.csv".into(), q), None).expect("imports");
        charts.push(subject_chart(
            &import.dataset,
            Subject::Nation("USA".parse().expect("code")),
        ));
    }
    for c in &charts {
        let points = || c.series.iter().flat_map(|s| &s.points);
        let open = points().any(|p| p.bounds.high().is_none());
        let highest = points()
            .map(|p| p.bounds.high().unwrap_or(p.bounds.low()))
            .max()
            .expect("points") as f64;
        let svg = render_svg(c, DEFAULT_SIZE).expect("draws");
        // The troop axis' labels are the texts anchored at their end.
        let top = texts(&svg)
            .iter()
            .filter(|t| t.1 == "end")
            .filter_map(|t| t.2.replace(',', "").parse::<f64>().ok())
            .fold(0.0, f64::max);
        let room = if open { 1.25 } else { 1.05 };
        assert!(
            top >= highest * room,
            "{}: the axis ends at {top}, the highest figure is {highest} (open: {open})",
            c.title
        );
    }
}

//! Small datasets described in a few words, written out as a data folder:
//! shared by the brute-force model test and the hidden-truth test.
#![allow(dead_code)]

use std::fmt::Write as _;

use troop_tracker::Dataset;

/// One nation's places: a country with an area (or a mission), and two
/// more countries.
pub const NATION: &str = "NAA";
pub const MISSION: &str = "M1";
pub const QUOTE: &str = "a quote";

/// A place as the data folder writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The country `HAA`.
    A,
    /// Its area `HAA/North`.
    North,
    /// `HAB`.
    B,
    /// `HAC`.
    C,
}

impl Place {
    pub fn code(self) -> &'static str {
        match self {
            Place::A => "HAA",
            Place::North => "HAA/North",
            Place::B => "HAB",
            Place::C => "HAC",
        }
    }
}

/// A figure: one place (or several, for a joint destination), under the
/// mission or not.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Figure {
    pub places: Vec<Place>,
    pub mission: bool,
}

impl Figure {
    pub fn at(place: Place) -> Figure {
        Figure {
            places: vec![place],
            mission: false,
        }
    }

    fn location(&self) -> String {
        let codes: Vec<&str> = self.places.iter().map(|p| p.code()).collect();
        codes.join(";")
    }
}

/// A date: one day of January 2020, or a span of its days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum When {
    Day(u32),
    Span(u32, u32),
    /// January 2020, as a month (`2020-01`).
    Month,
}

impl When {
    pub fn first(self) -> u32 {
        match self {
            When::Day(d) | When::Span(d, _) => d,
            When::Month => 1,
        }
    }

    pub fn last(self) -> u32 {
        match self {
            When::Day(d) | When::Span(_, d) => d,
            When::Month => 31,
        }
    }

    fn notation(self) -> String {
        match self {
            When::Day(d) => format!("2020-01-{d:02}"),
            When::Span(a, b) => format!("2020-01-{a:02}..2020-01-{b:02}"),
            When::Month => "2020-01".to_owned(),
        }
    }
}

/// A count as a source may state it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    pub low: u64,
    /// `None`: "at least".
    pub high: Option<u64>,
}

impl Count {
    pub fn exactly(n: u64) -> Count {
        Count {
            low: n,
            high: Some(n),
        }
    }

    fn notation(self) -> String {
        match self.high {
            Some(h) if h == self.low => h.to_string(),
            Some(h) => format!("{}..{h}", self.low),
            None => format!(">={}", self.low),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Report {
    pub figure: Figure,
    pub count: Count,
    pub when: When,
    /// Placed right before (false) or after (true) a move, by index.
    pub anchor: Option<(usize, bool)>,
}

/// How far a move has gone, as its source says: announced moves are
/// applied only to the projected posture; a move under way has moved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    Announced,
    UnderWay,
    #[default]
    CarriedOut,
}

impl Status {
    pub fn notation(self) -> &'static str {
        match self {
            Status::Announced => "announced",
            Status::UnderWay => "under_way",
            Status::CarriedOut => "carried_out",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Move {
    pub from: Figure,
    pub to: Figure,
    pub count: Count,
    pub when: When,
    pub temporary: bool,
    pub status: Status,
}

#[derive(Clone, Debug, Default)]
pub struct Spec {
    pub reports: Vec<Report>,
    pub moves: Vec<Move>,
    /// Deployments whose strength is `n/r`: no report (data/README.md,
    /// "What a report says"), but a figure of the posture, a claim that
    /// its figure held troops, and a figure that splits the cells of the
    /// figures it lies in.
    pub unreported: Vec<(Figure, When)>,
}

impl Spec {
    /// The data folder's files.
    pub fn files(&self) -> Vec<(&'static str, String)> {
        let mut deployments = String::from(
            "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\n",
        );
        for (i, r) in self.reports.iter().enumerate() {
            let anchor = match r.anchor {
                Some((m, false)) => format!("before:R{m}"),
                Some((m, true)) => format!("after:R{m}"),
                None => String::new(),
            };
            // A report placed at a move is dated as the move.
            let when = match r.anchor {
                Some((m, _)) => self.moves.get(m).map_or(r.when, |mv| mv.when),
                None => r.when,
            };
            writeln!(
                deployments,
                "D{i},{NATION},{},{},{},{anchor},{},,,s1,{QUOTE},",
                r.figure.location(),
                if r.figure.mission { MISSION } else { "" },
                when.notation(),
                r.count.notation()
            )
            .expect("write");
        }
        for (i, (figure, when)) in self.unreported.iter().enumerate() {
            writeln!(
                deployments,
                "U{i},{NATION},{},{},{},,n/r,,,s1,{QUOTE},",
                figure.location(),
                if figure.mission { MISSION } else { "" },
                when.notation(),
            )
            .expect("write");
        }
        let mut relocations = String::from("id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n");
        for (i, m) in self.moves.iter().enumerate() {
            writeln!(
                relocations,
                "R{i},{NATION},{},{},{},{},{},{},{},{},,,,s1,{QUOTE},",
                m.when.notation(),
                m.count.notation(),
                m.from.location(),
                if m.from.mission { MISSION } else { "" },
                m.to.location(),
                if m.to.mission { MISSION } else { "" },
                if m.temporary { "yes" } else { "" },
                m.status.notation(),
            )
            .expect("write");
        }
        let mut nations = String::from("code,name,nato_joined,reference\n");
        for c in [NATION, "HAA", "HAB", "HAC"] {
            writeln!(nations, "{c},Nation {c},,").expect("write");
        }
        let header = |name: &str| -> String {
            troop_tracker::schema()
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, c)| c.join(",") + "\n")
                .unwrap_or_default()
        };
        let missions = header("missions.csv")
            + &format!("{MISSION},Mission One,An alliance,,,HAA,,,s1,{QUOTE},,\n");
        vec![
            (
                "sources.csv",
                "id,file,title,outlet,published,date_basis\ns1,article.txt,T,O,2100-01-01,stated\n"
                    .to_owned(),
            ),
            ("nations.csv", nations),
            ("missions.csv", missions),
            ("mission_strengths.csv", header("mission_strengths.csv")),
            ("deployments.csv", deployments),
            ("relocations.csv", relocations),
            ("events.csv", header("events.csv")),
            ("article.txt", QUOTE.to_owned()),
        ]
    }

    pub fn load(&self) -> Dataset {
        let files = self.files();
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        match Dataset::from_texts(&refs) {
            Ok(d) => d,
            Err(e) => panic!("{e}\n{files:#?}"),
        }
    }
}

/// The day as the library takes it.
pub fn day(d: u32) -> troop_tracker::Day {
    // Day 0 is the last of December 2019.
    chrono::NaiveDate::from_ymd_opt(2019, 12, 31).expect("day") + chrono::Days::new(u64::from(d))
}

impl Spec {
    /// A report.
    pub fn report(mut self, figure: Figure, count: Count, when: When) -> Spec {
        self.reports.push(Report {
            figure,
            count,
            when,
            anchor: None,
        });
        self
    }

    /// A deployment of `figure` whose strength is not reported.
    pub fn unreported(mut self, figure: Figure, when: When) -> Spec {
        self.unreported.push((figure, when));
        self
    }

    /// A move carried out.
    pub fn moved(
        mut self,
        from: Figure,
        to: Figure,
        count: Count,
        when: When,
        temporary: bool,
    ) -> Spec {
        self.moves.push(Move {
            from,
            to,
            count,
            when,
            temporary,
            status: Status::CarriedOut,
        });
        self
    }

    /// Each figure of the posture at the end of `d` (start with `end`
    /// false), by its key, with whether it is contradicted; and the total.
    pub fn posture(
        &self,
        d: u32,
        end: bool,
    ) -> (std::collections::BTreeMap<String, (String, bool)>, String) {
        let data = self.load();
        let ledger = troop_tracker::Ledger::new(&data);
        let options = troop_tracker::PostureOptions {
            moment: if end {
                troop_tracker::posture::Moment::EndOfDay
            } else {
                troop_tracker::posture::Moment::StartOfDay
            },
            ..troop_tracker::PostureOptions::default()
        };
        let p = ledger.posture_with(day(d), options);
        let figures = p
            .entries()
            .iter()
            .map(|e| {
                (
                    e.key().to_string(),
                    (e.bounds().to_string(), e.is_contradicted()),
                )
            })
            .collect();
        (figures, p.total().to_string())
    }
}

/// `places` under the mission or not.
pub fn fig(places: &[Place], mission: bool) -> Figure {
    Figure {
        places: places.to_vec(),
        mission,
    }
}

/// An exact count.
pub fn n(x: u64) -> Count {
    Count::exactly(x)
}

/// A range.
pub fn between(low: u64, high: u64) -> Count {
    Count {
        low,
        high: Some(high),
    }
}

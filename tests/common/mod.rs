//! A small, valid in-memory dataset that tests break one cell at a time.
#![allow(dead_code)]

use troop_tracker::{Dataset, LoadError};

pub const ARTICLE: &str = "Germany is sending 30 of its 120 soldiers in Iraq to Jordan. \
The 500-strong NATO mission was launched in 2018 and does not involve combat operations.";

/// The files of a minimal valid dataset, by name.
pub fn files() -> Vec<(String, String)> {
    let q = "Germany is sending 30 of its 120 soldiers in Iraq to Jordan.";
    vec![
        (
            "sources.csv".into(),
            "id,file,title,outlet,published,date_basis\n\
             s1,article.txt,Test article,Test outlet,2020-01-09,stated\n"
                .into(),
        ),
        (
            "nations.csv".into(),
            "code,name,nato_joined,reference\n\
             DEU,Germany,1955-05-06,NATO member countries\n\
             CAN,Canada,1949-08-24,NATO member countries\n\
             IRQ,Iraq,,\n\
             JOR,Jordan,,\n"
                .into(),
        ),
        (
            "missions.csv".into(),
            "id,name,organization,lead,partners,host,launched,combat_role,source,quote,role_source,role_quote\n\
             NMI,NATO Mission Iraq,NATO,CAN,,IRQ,2018,no,s1,The 500-strong NATO mission was launched in 2018,s1,does not involve combat operations\n"
                .into(),
        ),
        (
            "mission_strengths.csv".into(),
            "id,mission,as_of,strength,words,source,quote,note\n\
             T1,NMI,2020-01-09,500,500-strong,s1,The 500-strong NATO mission,\n"
                .into(),
        ),
        (
            "deployments.csv".into(),
            format!(
                "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\n\
                 D1,DEU,IRQ,,2020-01-09,before:R1,120,,its 120,s1,{q},\n"
            ),
        ),
        (
            "relocations.csv".into(),
            format!(
                "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,words,source,quote,note\n\
                 R1,DEU,2020-01-09,30,IRQ,,JOR,,,under_way,,30,s1,{q},\n"
            ),
        ),
        (
            "events.csv".into(),
            "id,date,kind,organization,mission,nation,location,count,unit,same_as,words,source,quote,note\n\
             E1,2018,launched,NATO,NMI,,IRQ,,,,,s1,was launched in 2018,\n"
                .into(),
        ),
        ("article.txt".into(), ARTICLE.into()),
    ]
}

/// Replaces the whole text of one file.
pub fn with_file(name: &str, text: &str) -> Vec<(String, String)> {
    let mut f = files();
    match f.iter_mut().find(|(n, _)| n == name) {
        Some(entry) => entry.1 = text.to_owned(),
        None => f.push((name.to_owned(), text.to_owned())),
    }
    f
}

/// Replaces `from` by `to` in one file; panics if `from` is absent, so a
/// test cannot silently stop testing anything.
pub fn with_edit(name: &str, from: &str, to: &str) -> Vec<(String, String)> {
    let mut f = files();
    let entry = f.iter_mut().find(|(n, _)| n == name).expect("known file");
    assert!(entry.1.contains(from), "{from:?} not in {name}");
    entry.1 = entry.1.replacen(from, to, 1);
    f
}

/// Adds a line to the end of one file.
pub fn with_line(name: &str, line: &str) -> Vec<(String, String)> {
    let mut f = files();
    let entry = f.iter_mut().find(|(n, _)| n == name).expect("known file");
    entry.1.push_str(line);
    entry.1.push('\n');
    f
}

pub fn load(files: &[(String, String)]) -> Result<Dataset, LoadError> {
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Dataset::from_texts(&refs)
}

/// Loads, expects failure, and returns the first problem's message.
pub fn first_error(files: &[(String, String)]) -> String {
    match load(files) {
        Ok(_) => panic!("expected a load error"),
        Err(e) => e.first().expect("at least one problem").to_string(),
    }
}

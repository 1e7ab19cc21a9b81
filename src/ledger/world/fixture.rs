//! A small dataset for the world's own tests.

use super::{Term, World};
use crate::dataset::Dataset;
use crate::ledger::key::Key;

/// Germany's 100 in Iraq, 10 moved to Jordan, then 20 to Kuwait, then 30
/// more to Jordan only announced; France's 50 in Mali, then 60, a history
/// of its own.
pub(super) fn data() -> Dataset {
    let q = "a quote";
    let deployments = format!(
        "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\n\
         D0,DEU,IRQ,,2020-01-01,,100,,,s1,{q},\n\
         D1,FRA,MLI,,2020-01-01,,50,,,s1,{q},\n\
         D2,FRA,MLI,,2020-02-01,,60,,,s1,{q},\n"
    );
    let relocations = format!(
        "id,nation,date,strength,from,from_mission,to,to_mission,temporary,status,same_as,condition,words,source,quote,note\n\
         R0,DEU,2020-01-05,10,IRQ,,JOR,,,carried_out,,,,s1,{q},\n\
         R1,DEU,2020-01-10,20,IRQ,,KWT,,,carried_out,,,,s1,{q},\n\
         R2,DEU,2020-01-12,30,IRQ,,JOR,,,announced,,,,s1,{q},\n"
    );
    let mut nations = String::from("code,name,nato_joined,reference\n");
    for c in ["DEU", "FRA", "IRQ", "JOR", "KWT", "MLI"] {
        nations.push_str(&format!("{c},Nation {c},,\n"));
    }
    let files: Vec<(String, String)> = crate::csv::schema()
        .iter()
        .map(|(name, cols)| {
            let text = match *name {
                "sources.csv" => "id,file,title,outlet,published,date_basis\ns1,article.txt,T,O,2100-01-01,stated\n".to_owned(),
                "nations.csv" => nations.clone(),
                "deployments.csv" => deployments.clone(),
                "relocations.csv" => relocations.clone(),
                _ => cols.join(",") + "\n",
            };
            ((*name).to_owned(), text)
        })
        .chain([("article.txt".to_owned(), q.to_owned())])
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Dataset::from_texts(&refs).expect("the data loads")
}

/// The sum of every cell of deployment `i`'s figure.
pub(super) fn figure(world: &World, data: &Dataset, i: usize) -> Vec<(Term, f64)> {
    let d = &data.deployments()[i];
    world
        .cells(&Key::of_deployment(d))
        .expect("a figure of the data")
        .iter()
        .map(|&c| (Term::Cell(c), 1.0))
        .collect()
}

//! Questions asked right after a record (`World::ranges_after`): of the
//! record's own figure the answer is the count its moment leaves; of a
//! sum that reaches past the record's history, or of a record the world
//! leaves out, no bounds at all rather than an answer for another moment.

use super::{RecordRef, Term, World};
use crate::dataset::Dataset;
use crate::ledger::key::Key;

/// Germany's 100 in Iraq, 10 moved to Jordan, then 20 to Kuwait, then 30
/// more to Jordan only announced; France's 50 in Mali, a history of its
/// own.
fn data() -> Dataset {
    let q = "a quote";
    let deployments = format!(
        "id,nation,location,mission,as_of,relative_to,strength,share,words,source,quote,note\n\
         D0,DEU,IRQ,,2020-01-01,,100,,,s1,{q},\n\
         D1,FRA,MLI,,2020-01-01,,50,,,s1,{q},\n"
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
fn figure(world: &World, data: &Dataset, i: usize) -> Vec<(Term, f64)> {
    let d = &data.deployments()[i];
    world
        .cells(&Key::of_deployment(d))
        .expect("a figure of the data")
        .iter()
        .map(|&c| (Term::Cell(c), 1.0))
        .collect()
}

#[test]
fn right_after_each_move_the_origin_holds_what_it_left() {
    let data = data();
    let world = World::new(&data, false);
    let iraq = figure(&world, &data, 0);
    let asks = [
        (RecordRef::Deployment(0), iraq.clone()),
        (RecordRef::Relocation(0), iraq.clone()),
        (RecordRef::Relocation(1), iraq),
    ];
    let answers: Vec<_> = world.ranges_after(&asks).into_iter().collect();
    assert_eq!(
        answers,
        [
            Ok((Some(100), Some(100))),
            Ok((Some(90), Some(90))),
            Ok((Some(70), Some(70)))
        ]
    );
}

#[test]
fn a_sum_past_the_records_history_or_a_record_left_out_has_no_bounds() {
    let data = data();
    let world = World::new(&data, false);
    let iraq = figure(&world, &data, 0);
    let both: Vec<(Term, f64)> = iraq
        .iter()
        .copied()
        .chain(figure(&world, &data, 1))
        .collect();
    let asks = [
        // Germany's move says nothing of France's moment.
        (RecordRef::Relocation(0), both),
        // Only announced: not a move of the actual world.
        (RecordRef::Relocation(2), iraq.clone()),
        // Nothing asked: nothing counted.
        (RecordRef::Relocation(2), Vec::new()),
        (RecordRef::Relocation(1), iraq.clone()),
    ];
    assert_eq!(
        world.ranges_after(&asks),
        [
            Ok((None, None)),
            Ok((None, None)),
            Ok((Some(0), Some(0))),
            Ok((Some(70), Some(70)))
        ]
    );
    // In the projected world the announced move is made: Iraq keeps 40.
    let projected = World::new(&data, true);
    let iraq = figure(&projected, &data, 0);
    assert_eq!(
        projected.ranges_after(&[(RecordRef::Relocation(2), iraq)]),
        [Ok((Some(40), Some(40)))]
    );
}

//! The cells of the world: for each nation, a country's areas (and the
//! rest of it) crossed with its missions (and none). Every figure is a
//! set of cells, so nesting is never a rule to remember: an area's troops
//! are in their country's figure because its cells are.

use std::sync::Arc;

use crate::fasthash::FastMap as HashMap;
use crate::id::MissionId;
use crate::ledger::key::Key;
use crate::nation::NationCode;

/// A cell's index in its [`Space`].
pub(crate) type CellId = u32;

/// The cells every figure of a dataset is made of.
#[derive(Debug, Default)]
pub(crate) struct Space {
    /// How many cells.
    count: usize,
    /// Each figure's cells, sorted.
    keys: HashMap<Key, Box<[CellId]>>,
    /// The countries each cell's troops may be in, by cell: one, or
    /// several where cells of different countries that no record tells
    /// apart were merged (a joint destination's, `JOR;KWT`, when neither
    /// country is reported alone).
    countries: Vec<Vec<NationCode>>,
}

/// One nation's troops in one country: its areas and missions.
#[derive(Default)]
struct Country {
    areas: Vec<Arc<str>>,
    missions: Vec<MissionId>,
    /// Positions in `areas` and `missions`, so that a country of many
    /// areas is built in linear time.
    area_at: HashMap<Arc<str>, usize>,
    mission_at: HashMap<MissionId, usize>,
}

/// A cell before merging: (nation, country, area, mission), `None` for the
/// rest of the country or for no mission.
type Raw = (usize, Option<usize>, Option<usize>);

impl Space {
    /// The cells of these figures.
    pub(crate) fn build<'k>(figures: impl IntoIterator<Item = &'k Key>) -> Space {
        let figures: Vec<&Key> = figures.into_iter().collect();
        // Each nation's countries, with the areas and missions named there.
        let mut countries: Vec<((Option<NationCode>, NationCode), Country)> = Vec::new();
        let mut at: HashMap<(Option<NationCode>, NationCode), usize> = HashMap::default();
        for key in &figures {
            for place in &key.places {
                let id = (key.nation, place.country());
                let i = *at.entry(id).or_insert_with(|| {
                    countries.push((id, Country::default()));
                    countries.len() - 1
                });
                let Some((_, c)) = countries.get_mut(i) else {
                    continue;
                };
                if let Some(area) = place.area() {
                    if !c.area_at.contains_key(area) {
                        let area: Arc<str> = Arc::from(area);
                        c.area_at.insert(area.clone(), c.areas.len());
                        c.areas.push(area);
                    }
                }
                if let Some(m) = &key.mission {
                    if !c.mission_at.contains_key(m) {
                        c.mission_at.insert(m.clone(), c.missions.len());
                        c.missions.push(m.clone());
                    }
                }
            }
        }
        // Each figure's raw cells.
        let raw_of = |key: &Key| -> Vec<Raw> {
            let mut out = Vec::new();
            for place in &key.places {
                let Some(&ci) = at.get(&(key.nation, place.country())) else {
                    continue;
                };
                let Some((_, c)) = countries.get(ci) else {
                    continue;
                };
                let areas: Vec<Option<usize>> = match place.area() {
                    Some(a) => vec![c.area_at.get(a).copied()],
                    None => std::iter::once(None)
                        .chain((0..c.areas.len()).map(Some))
                        .collect(),
                };
                let missions: Vec<Option<usize>> = match &key.mission {
                    Some(m) => vec![c.mission_at.get(m).copied()],
                    None => std::iter::once(None)
                        .chain((0..c.missions.len()).map(Some))
                        .collect(),
                };
                for a in &areas {
                    for m in &missions {
                        out.push((ci, *a, *m));
                    }
                }
            }
            out
        };
        // Cells that lie in exactly the same figures cannot be told apart
        // by any record: they are one cell.
        let mut member_of: HashMap<Raw, Vec<u32>> = HashMap::default();
        let mut key_raw: Vec<Vec<Raw>> = Vec::with_capacity(figures.len());
        for (k, key) in figures.iter().enumerate() {
            let raw = raw_of(key);
            for r in &raw {
                let list = member_of.entry(*r).or_default();
                let k = u32::try_from(k).unwrap_or(u32::MAX);
                if list.last() != Some(&k) {
                    list.push(k);
                }
            }
            key_raw.push(raw);
        }
        let mut space = Space::default();
        let mut cell_of_signature: HashMap<&[u32], CellId> = HashMap::default();
        let mut cell_of_raw: HashMap<Raw, CellId> = HashMap::default();
        let mut raws: Vec<(&Raw, &Vec<u32>)> = member_of.iter().collect();
        raws.sort_unstable();
        for (raw, signature) in raws {
            if countries.get(raw.0).is_none() {
                continue;
            };
            let next = CellId::try_from(space.count).unwrap_or(CellId::MAX);
            let id = *cell_of_signature.entry(signature).or_insert(next);
            if id == next {
                space.count += 1;
                space.countries.push(Vec::new());
            }
            if let (Some(((_, country), _)), Some(here)) =
                (countries.get(raw.0), space.countries.get_mut(id as usize))
            {
                if !here.contains(country) {
                    here.push(*country);
                }
            }
            cell_of_raw.insert(*raw, id);
        }
        for (key, raw) in figures.iter().zip(key_raw) {
            if space.keys.contains_key(*key) {
                continue;
            }
            let mut cells: Vec<CellId> = raw
                .iter()
                .filter_map(|r| cell_of_raw.get(r).copied())
                .collect();
            cells.sort_unstable();
            cells.dedup();
            space.keys.insert((*key).clone(), cells.into_boxed_slice());
        }
        space
    }

    /// How many cells.
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// A figure's cells; `None` when no record names it.
    pub(crate) fn cells(&self, key: &Key) -> Option<&[CellId]> {
        self.keys.get(key).map(|c| &**c)
    }

    /// The countries a cell's troops may be in (none for a cell this
    /// space does not have).
    pub(crate) fn countries(&self, cell: CellId) -> &[NationCode] {
        self.countries
            .get(cell as usize)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Location;

    fn key(nation: &str, places: &[&str], mission: Option<&str>) -> Key {
        Key {
            nation: Some(nation.parse().expect("nation")),
            places: places
                .iter()
                .map(|p| p.parse::<Location>().expect("place"))
                .collect(),
            mission: mission.map(|m| m.parse().expect("mission")),
        }
    }

    #[test]
    fn figures_are_sets_of_cells_that_nest() {
        let iraq = key("CAN", &["IRQ"], None);
        let baghdad_nmi = key("CAN", &["IRQ/Baghdad"], Some("NMI"));
        let kuwait = key("CAN", &["KWT"], None);
        let joint = key("CAN", &["JOR", "KWT"], None);
        let space = Space::build([&iraq, &baghdad_nmi, &kuwait, &joint]);
        let cells = |k: &Key| space.cells(k).expect("named").to_vec();
        // Baghdad under NMI is one cell of Iraq's.
        assert_eq!(cells(&baghdad_nmi).len(), 1);
        assert!(cells(&iraq).contains(&cells(&baghdad_nmi)[0]));
        // Iraq's other cells (the rest of Baghdad, the rest of Iraq under
        // NMI or none) lie in no other figure: merged into one.
        assert_eq!(cells(&iraq).len(), 2);
        // Merged, they are still in Iraq only.
        for c in cells(&iraq) {
            assert_eq!(space.countries(c), ["IRQ".parse().expect("code")]);
        }
        // Kuwait is inside the joint destination; Jordan is the rest.
        assert!(cells(&joint).contains(&cells(&kuwait)[0]));
        assert_eq!(cells(&joint).len(), 2);
        assert_eq!(space.len(), 4);
    }

    /// Each cell knows the countries it lies in: one, or both of a joint
    /// destination's where no figure tells them apart.
    #[test]
    fn a_cell_knows_its_countries() {
        let code = |c: &str| c.parse::<NationCode>().expect("code");
        let joint = key("CAN", &["JOR", "KWT"], None);
        let space = Space::build([&joint]);
        let cells = space.cells(&joint).expect("named").to_vec();
        assert_eq!(cells.len(), 1);
        let mut both = space.countries(cells[0]).to_vec();
        both.sort_unstable();
        assert_eq!(both, [code("JOR"), code("KWT")]);
        // Kuwait reported alone: a cell each, each in its own country.
        let kuwait = key("CAN", &["KWT"], None);
        let space = Space::build([&joint, &kuwait]);
        let kwt = space.cells(&kuwait).expect("named").to_vec();
        assert_eq!(space.countries(kwt[0]), [code("KWT")]);
        let jor: Vec<CellId> = space
            .cells(&joint)
            .expect("named")
            .iter()
            .copied()
            .filter(|c| !kwt.contains(c))
            .collect();
        assert_eq!(jor.len(), 1);
        assert_eq!(space.countries(jor[0]), [code("JOR")]);
        // A cell it does not have lies nowhere.
        assert!(space.countries(99).is_empty());
    }
}

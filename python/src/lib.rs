//! The native half of the Python package `troop_tracker`: a dataset held
//! across the language boundary, and every answer handed over as the
//! library's rows (`troop_tracker::rows`), column by column, so that a
//! data frame has the files' columns with the same names and meanings.
//! The Python half (`troop_tracker/__init__.py`) wraps the columns in
//! frames with `to_pandas`, `to_polars` and `to_arrow`.

#![forbid(unsafe_code)]

use std::path::PathBuf;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use troop_tracker::import::{self, Import};
use troop_tracker::rows::{self, Row, Value};
use troop_tracker::{
    Dataset, Day, Ledger, LoadError as RustLoadError, LoadOptions, MissionId, NationCode, Posture,
    PostureOptions, Subject,
};

pyo3::create_exception!(
    _native,
    LoadError,
    PyValueError,
    "The input cannot be read: `problems` lists each (severity, code, file, line, column, message); `file`, `line` and `column` are the first's."
);

/// A `LoadError` as the Python exception, each problem with its place.
fn load_error(py: Python<'_>, e: &RustLoadError) -> PyErr {
    let err = LoadError::new_err(e.to_string());
    let value = err.value(py);
    let problems = PyList::empty(py);
    for p in e.problems() {
        let d = PyDict::new(py);
        let at = p.position();
        let set = || -> PyResult<()> {
            d.set_item("severity", p.severity().as_str())?;
            d.set_item("code", p.code())?;
            d.set_item("file", at.file_name())?;
            d.set_item("line", at.line_number())?;
            d.set_item("column", at.column())?;
            d.set_item("message", p.kind().to_string())?;
            problems.append(&d)
        };
        if let Err(e) = set() {
            return e;
        }
    }
    let first = e.first();
    let attributes = || -> PyResult<()> {
        value.setattr("problems", &problems)?;
        value.setattr("file", first.map(|p| p.position().file_name().to_owned()))?;
        value.setattr("line", first.and_then(|p| p.position().line_number()))?;
        value.setattr(
            "column",
            first.and_then(|p| p.position().column().map(str::to_owned)),
        )?;
        Ok(())
    };
    match attributes() {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// Records and what their import found, held by Python.
#[pyclass(frozen, module = "troop_tracker._native")]
struct Data {
    import: Import,
}

/// A day from `"2020-01-10"` or a `datetime.date`.
fn day_of(value: &Bound<'_, PyAny>) -> PyResult<Day> {
    if let Ok(text) = value.extract::<String>() {
        return text.trim().parse::<Day>().map_err(|e| {
            PyValueError::new_err(format!("expected a day as YYYY-MM-DD, found {text:?}: {e}"))
        });
    }
    value
        .extract::<Day>()
        .map_err(|_| PyValueError::new_err("expected a day: \"YYYY-MM-DD\" or a datetime.date"))
}

fn nation_of(code: Option<&str>, what: &str) -> PyResult<Option<NationCode>> {
    code.map(|c| {
        c.trim()
            .to_ascii_uppercase()
            .parse::<NationCode>()
            .map_err(|e| PyValueError::new_err(format!("{what}: {e}")))
    })
    .transpose()
}

fn mission_of(id: Option<&str>) -> PyResult<Option<MissionId>> {
    id.map(|m| MissionId::new(m.trim()).map_err(|e| PyValueError::new_err(format!("mission: {e}"))))
        .transpose()
}

/// Rows as a table: the row type's columns (names, types, meanings) and
/// the values column by column, `None` where a row has none.
fn table<'py, R: Row>(py: Python<'py>, rows: &[R]) -> PyResult<Bound<'py, PyDict>> {
    let columns: Vec<Bound<'py, PyList>> = R::COLUMNS.iter().map(|_| PyList::empty(py)).collect();
    for row in rows {
        for (list, value) in columns.iter().zip(row.values()) {
            match value {
                Value::Text(t) => list.append(t)?,
                Value::Count(n) => list.append(n)?,
                Value::Date(d) => list.append(d)?,
                Value::Flag(f) => list.append(f)?,
                _ => list.append(py.None())?,
            }
        }
    }
    let out = PyDict::new(py);
    let data = PyDict::new(py);
    for (c, list) in R::COLUMNS.iter().zip(columns) {
        data.set_item(c.name, list)?;
    }
    out.set_item(
        "names",
        R::COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>(),
    )?;
    out.set_item(
        "types",
        R::COLUMNS.iter().map(|c| c.ty.as_str()).collect::<Vec<_>>(),
    )?;
    out.set_item(
        "docs",
        R::COLUMNS.iter().map(|c| c.doc.trim()).collect::<Vec<_>>(),
    )?;
    out.set_item("data", data)?;
    Ok(out)
}

impl Data {
    /// The posture of the day, narrowed as asked (as the tool's
    /// `--nation`, `--mission`, `--location` do).
    fn posture_of<'l>(
        ledger: &'l Ledger<'l>,
        day: Day,
        projected: bool,
        (nation, mission, location): (Option<&str>, Option<&str>, Option<&str>),
    ) -> PyResult<Posture<'l>> {
        let options = if projected {
            PostureOptions::projected()
        } else {
            PostureOptions::default()
        };
        let nation = nation_of(nation, "nation")?;
        let mission = mission_of(mission)?;
        let mut posture = ledger.posture_with(day, options);
        if let Some(country) = nation_of(location, "location")? {
            posture = posture.in_country(country);
        }
        if nation.is_some() || mission.is_some() {
            posture = posture.focus(nation, mission.as_ref());
        }
        Ok(posture)
    }

    /// Rows of the posture on a day, narrowed as asked.
    fn of_posture<'py, R: Row>(
        &self,
        py: Python<'py>,
        day: &Bound<'py, PyAny>,
        projected: bool,
        focus: (Option<&str>, Option<&str>, Option<&str>),
        rows_of: fn(&Posture<'_>) -> Vec<R>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let day = day_of(day)?;
        let ledger = Ledger::new(&self.import.dataset);
        let posture = Data::posture_of(&ledger, day, projected, focus)?;
        table(py, &rows_of(&posture))
    }
}

#[pymethods]
impl Data {
    /// The figures of the posture on `day` (`posture.csv`'s rows).
    #[pyo3(signature = (day, projected=false, nation=None, mission=None, location=None))]
    fn posture<'py>(
        &self,
        py: Python<'py>,
        day: &Bound<'py, PyAny>,
        projected: bool,
        nation: Option<&str>,
        mission: Option<&str>,
        location: Option<&str>,
    ) -> PyResult<Bound<'py, PyDict>> {
        self.of_posture(
            py,
            day,
            projected,
            (nation, mission, location),
            rows::posture,
        )
    }

    /// The totals of the posture on `day` (`totals.csv`'s rows).
    #[pyo3(signature = (day, projected=false, nation=None, mission=None, location=None))]
    fn totals<'py>(
        &self,
        py: Python<'py>,
        day: &Bound<'py, PyAny>,
        projected: bool,
        nation: Option<&str>,
        mission: Option<&str>,
        location: Option<&str>,
    ) -> PyResult<Bound<'py, PyDict>> {
        self.of_posture(
            py,
            day,
            projected,
            (nation, mission, location),
            rows::totals,
        )
    }

    /// Nations by locations on `day`, one cell per row.
    #[pyo3(signature = (day, projected=false))]
    fn pivot<'py>(
        &self,
        py: Python<'py>,
        day: &Bound<'py, PyAny>,
        projected: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        self.of_posture(py, day, projected, (None, None, None), rows::pivot)
    }

    /// The timeline of a nation, a mission, a location, or everything.
    #[pyo3(signature = (nation=None, mission=None, location=None))]
    fn timeline<'py>(
        &self,
        py: Python<'py>,
        nation: Option<&str>,
        mission: Option<&str>,
        location: Option<&str>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let subject = match (
            nation_of(nation, "nation")?,
            mission_of(mission)?,
            nation_of(location, "location")?,
        ) {
            (None, None, None) => Subject::All,
            (Some(n), None, None) => Subject::Nation(n),
            (None, Some(m), None) => Subject::Mission(m),
            (None, None, Some(l)) => Subject::Location(l),
            _ => {
                return Err(PyValueError::new_err(
                    "a timeline is of one subject: give one of nation, mission or location",
                ))
            }
        };
        table(py, &rows::timeline(&self.import.dataset, &subject))
    }

    /// What the import found in its tables, then the consistency findings
    /// (`findings.csv`'s rows).
    fn validate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let report = self.import.dataset.validate();
        table(py, &rows::findings(&self.import.problems, &report))
    }

    /// What each imported table gave.
    fn import_counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        table(
            py,
            &rows::import_counts(&self.import.counts, &self.import.problems),
        )
    }

    /// The latest day any figure describes, as `YYYY-MM-DD`.
    fn latest_day(&self) -> Option<String> {
        self.import.dataset.latest_day().map(|d| d.to_string())
    }

    /// How many records of each kind.
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = &self.import.dataset;
        let out = PyDict::new(py);
        out.set_item("sources", d.sources().len())?;
        out.set_item("nations", d.nations().len())?;
        out.set_item("missions", d.missions().len())?;
        out.set_item("deployments", d.deployments().len())?;
        out.set_item("relocations", d.relocations().len())?;
        out.set_item("events", d.events().len())?;
        out.set_item("totals", d.totals().len())?;
        out.set_item("problems", self.import.problems.len())?;
        Ok(out)
    }
}

/// The dataset curated from the five seed articles.
#[pyfunction]
fn bundled(py: Python<'_>) -> PyResult<Data> {
    let data = Dataset::bundled().map_err(|e| load_error(py, &e))?;
    Ok(Data {
        import: Import::from(data),
    })
}

/// A data folder in the CSV schema; `articles`: other folders its
/// articles may be read from.
#[pyfunction]
#[pyo3(signature = (folder, articles=None))]
fn load(py: Python<'_>, folder: PathBuf, articles: Option<Vec<PathBuf>>) -> PyResult<Data> {
    let options = articles
        .unwrap_or_default()
        .iter()
        .fold(LoadOptions::new(), |o, a| o.allow_articles_in(a));
    let data = py
        .detach(|| Dataset::from_dir_with(&folder, &options))
        .map_err(|e| load_error(py, &e))?;
    Ok(Data {
        import: Import::from(data),
    })
}

/// Reads a folder with an importer of `troop_tracker::import::IMPORTERS`.
fn import_with(py: Python<'_>, kind: &str, folder: PathBuf) -> PyResult<Data> {
    let Some((_, read)) = import::IMPORTERS.iter().find(|(k, _)| *k == kind) else {
        return Err(PyOSError::new_err(format!("no importer named {kind}")));
    };
    let import = py
        .detach(|| read(&folder))
        .map_err(|e| load_error(py, &e))?;
    Ok(Data { import })
}

/// troopdata's tables of US troops abroad, read from `folder`.
#[pyfunction]
fn import_troopdata(py: Python<'_>, folder: PathBuf) -> PyResult<Data> {
    import_with(py, "troopdata", folder)
}

/// The UN's contributions by nation and mission (IPI's table), read from
/// `folder`.
#[pyfunction]
fn import_ipi(py: Python<'_>, folder: PathBuf) -> PyResult<Data> {
    import_with(py, "ipi", folder)
}

/// Several datasets as one: their records, problems and counts.
#[pyfunction]
fn combine(parts: Vec<Py<Data>>) -> Data {
    let imports: Vec<Import> = parts.iter().map(|p| p.get().import.clone()).collect();
    Data {
        import: import::merge(imports),
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Data>()?;
    m.add("LoadError", m.py().get_type::<LoadError>())?;
    m.add_function(wrap_pyfunction!(bundled, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(import_troopdata, m)?)?;
    m.add_function(wrap_pyfunction!(import_ipi, m)?)?;
    m.add_function(wrap_pyfunction!(combine, m)?)?;
    Ok(())
}

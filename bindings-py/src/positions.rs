//! The positions of a lazy sequence (`Subnets`, `Addresses`): a Python `range`, so that
//! every index and slice follows Python's own rules at any size. `len()` of a range stops
//! at sys.maxsize; these helpers do the arithmetic that does not.

use crate::errors;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// `range(n)`.
pub fn range<'py>(py: Python<'py>, n: Bound<'py, PyAny>) -> PyResult<Py<PyAny>> {
    Ok(py.import("builtins")?.getattr("range")?.call1((n,))?.unbind())
}

/// How many positions, exact (a Python int).
pub fn count<'py>(positions: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = positions.py();
    let (start, stop, step) = (positions.getattr("start")?, positions.getattr("stop")?, positions.getattr("step")?);
    let span = stop.sub(&start)?;
    let zero = 0i32.into_pyobject(py)?;
    let n = if step.gt(&zero)? {
        span.add(&step)?.sub(1)?.floor_div(&step)?
    } else {
        span.add(&step)?.add(1)?.floor_div(&step)?
    };
    Ok(if n.lt(&zero)? { zero.into_any() } else { n })
}

/// `len()`: the count when it fits, else an error naming `what` and pointing at `.count`.
pub fn len(positions: &Bound<'_, PyAny>, what: &str) -> PyResult<usize> {
    let count = count(positions)?;
    count.extract::<usize>().ok().filter(|n| isize::try_from(*n).is_ok()).ok_or_else(|| {
        errors::to_py(cidrplan::Error::LimitExceeded(format!(
            "{} {what} are more than len() can return (2**63 - 1); use .count, which is exact",
            count.str().map(|s| s.to_string()).unwrap_or_default()
        )))
    })
}

/// The position at `index` (Python's own indexing, negative indexes too); past the end an
/// IndexError naming the index, how many there are and what they are (`one` and `many`:
/// "subnet", "subnets").
pub fn get<'py>(
    positions: &Bound<'py, PyAny>,
    index: &Bound<'py, PyAny>,
    (one, many): (&str, &str),
) -> PyResult<Bound<'py, PyAny>> {
    positions.get_item(index).map_err(|e| {
        if !e.is_instance_of::<pyo3::exceptions::PyIndexError>(positions.py()) {
            return e;
        }
        pyo3::exceptions::PyIndexError::new_err(format!(
            "{one} index {} out of range ({} {many})",
            index.str().map(|s| s.to_string()).unwrap_or_default(),
            count(positions).and_then(|c| Ok(c.str()?.to_string())).unwrap_or_default()
        ))
    })
}

/// Refuses to list more than `limit` positions (itself bounded by the core), naming the
/// view and its `what`.
pub fn check_list(positions: &Bound<'_, PyAny>, limit: u64, what: &str, view: &str) -> PyResult<()> {
    use crate::errors::IntoPy;
    cidrplan::bounds::list_limit(limit).py_err()?;
    let count = count(positions)?;
    if count.gt(limit)? {
        return Err(errors::to_py(cidrplan::Error::LimitExceeded(format!(
            "{view} has {} {what}, more than the limit of {limit}; iterate, slice, or raise the limit",
            count.str()?
        ))));
    }
    Ok(())
}

/// Whether the positions are `range(total)` itself (not a slice of it).
pub fn is_whole(positions: &Bound<'_, PyAny>, total: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(positions.getattr("start")?.extract::<i64>().ok() == Some(0)
        && positions.getattr("step")?.extract::<i64>().ok() == Some(1)
        && positions.getattr("stop")?.eq(total)?)
}

/// The `slice` that cuts `positions` out of the whole range, for pickling a view.
pub fn as_slice<'py>(positions: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = positions.py();
    let (start, stop, step) = (positions.getattr("start")?, positions.getattr("stop")?, positions.getattr("step")?);
    // a reversed range stops at -1, which a slice would read as "the last"
    let zero = 0i32.into_pyobject(py)?;
    let stop = if stop.lt(&zero)? { py.None().into_bound(py) } else { stop };
    py.import("builtins")?.getattr("slice")?.call1((start, stop, step))
}

/// How a lazy sequence pickles: `make(*args)` when it is the whole sequence, else
/// `operator.getitem(make(*args), slice)` for the view it is.
pub fn reduce<'py>(
    make: Bound<'py, PyAny>,
    args: Bound<'py, PyTuple>,
    whole: bool,
    positions: &Bound<'py, PyAny>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
    if whole {
        return Ok((make, args));
    }
    let py = positions.py();
    let all = make.call1(args)?;
    Ok((py.import("operator")?.getattr("getitem")?, (all, as_slice(positions)?).into_pyobject(py)?))
}

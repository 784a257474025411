//! The WebAssembly face of lazy address ranges (`cidrplan::addresses`).

use crate::*;

/// The addresses of a prefix or range, lazily: iterable (`for (const a of range)`),
/// indexable at any position (`get`), counted exactly.
#[wasm_bindgen]
pub struct AddressRange {
    inner: cidrplan::AddressRange,
}

/// One pass over an `AddressRange` (what `for ... of` uses).
#[wasm_bindgen]
pub struct AddressIterator {
    inner: cidrplan::Addresses,
}

/// The addresses of `prefix`; with `hosts`, the host addresses as Python's `ipaddress`
/// gives them (no IPv4 network and broadcast address but in a /31 or /32; no IPv6
/// Subnet-Router anycast address but in a /127 or /128).
#[wasm_bindgen]
pub fn addresses(prefix: &str, hosts: Option<bool>) -> JsResult<AddressRange> {
    let n = net(prefix)?;
    let inner =
        if hosts.unwrap_or(false) { cidrplan::AddressRange::hosts(&n) } else { cidrplan::AddressRange::of_prefix(&n) };
    Ok(AddressRange { inner })
}

/// The addresses from `first` to `last`, both included (one family, in order).
#[wasm_bindgen(js_name = addressRange)]
pub fn address_range(first: &str, last: &str) -> JsResult<AddressRange> {
    let (a, b) = (cidrplan::parse_address(first).js()?, cidrplan::parse_address(last).js()?);
    Ok(AddressRange { inner: cidrplan::AddressRange::new(a, b).js()? })
}

#[wasm_bindgen]
impl AddressRange {
    /// How many addresses: a number while exact, past 2^53 its decimal string.
    #[wasm_bindgen(getter, unchecked_return_type = "Count")]
    pub fn count(&self) -> JsValue {
        if self.inner.total() <= MAX_SAFE_INTEGER {
            count(self.inner.total())
        } else {
            JsValue::from_str(&self.inner.total_decimal())
        }
    }

    /// The first address.
    #[wasm_bindgen(getter)]
    pub fn first(&self) -> String {
        self.inner.first().to_string()
    }

    /// The last address.
    #[wasm_bindgen(getter)]
    pub fn last(&self) -> String {
        self.inner.last().to_string()
    }

    /// The address at `index` (from 0: a Number, BigInt or decimal string), or undefined
    /// past the end.
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | bigint | string")] index: JsValue,
    ) -> JsResult<Option<String>> {
        let i: u128 = wide(&index, "index", "0 to 2^128 - 1")?;
        Ok(self.inner.get(i).map(|a| a.to_string()))
    }

    /// Where `address` is (a Number, or past 2^53 its decimal string), or undefined.
    #[wasm_bindgen(js_name = indexOf, unchecked_return_type = "Count | undefined")]
    pub fn index_of(&self, address: &str) -> JsResult<JsValue> {
        let a = cidrplan::parse_address(address).js()?;
        Ok(self.inner.position(a).map_or(JsValue::UNDEFINED, count))
    }

    /// Whether `address` is in the range (false for text that is not an address).
    pub fn has(&self, address: &str) -> bool {
        cidrplan::parse_address(address).is_ok_and(|a| self.inner.contains(a))
    }

    /// Up to `limit` addresses from `start` (default 0) as an array.
    pub fn slice(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | bigint | string")] start: JsValue,
        limit: f64,
    ) -> JsResult<Vec<String>> {
        let start: u128 = if start.is_undefined() { 0 } else { wide(&start, "start", "0 to 2^128 - 1")? };
        let limit = cidrplan::bounds::list_limit(u64_arg(limit, "limit")?).js()?;
        Ok(self.inner.iter_from(start).take(limit as usize).map(|a| a.to_string()).collect())
    }

    /// A fresh pass over the addresses: makes the range iterable.
    #[wasm_bindgen(js_name = "[Symbol.iterator]")]
    pub fn iter(&self) -> AddressIterator {
        AddressIterator { inner: self.inner.iter() }
    }
}

#[wasm_bindgen]
impl AddressIterator {
    /// The iterator protocol's step: `{ value, done }`.
    #[wasm_bindgen(unchecked_return_type = "{ done: false; value: string } | { done: true; value: undefined }")]
    pub fn next(&mut self) -> JsValue {
        let step = js_sys::Object::new();
        let (done, value) = match self.inner.next() {
            Some(a) => (false, JsValue::from_str(&a.to_string())),
            None => (true, JsValue::UNDEFINED),
        };
        let _ = js_sys::Reflect::set(&step, &"done".into(), &done.into());
        let _ = js_sys::Reflect::set(&step, &"value".into(), &value);
        step.into()
    }
}

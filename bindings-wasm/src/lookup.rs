//! The WebAssembly face of route lookup (`cidrplan::lookup`).

use crate::*;

fn addr(text: &str) -> JsResult<std::net::IpAddr> {
    cidrplan::parse_address(text).js()
}

/// The most specific of `prefixes` holding `address` (netaddr `smallest_matching_cidr`),
/// by one scan; a `PrefixTable` answers many lookups faster.
#[wasm_bindgen(js_name = longestMatch)]
pub fn longest_match(address: &str, prefixes: Vec<String>) -> JsResult<Option<String>> {
    Ok(cidrplan::longest_match(addr(address)?, &nets(&prefixes)?).map(|n| n.to_string()))
}

/// The least specific of `prefixes` holding `address` (netaddr `largest_matching_cidr`).
#[wasm_bindgen(js_name = shortestMatch)]
pub fn shortest_match(address: &str, prefixes: Vec<String>) -> JsResult<Option<String>> {
    Ok(cidrplan::shortest_match(addr(address)?, &nets(&prefixes)?).map(|n| n.to_string()))
}

/// A table of prefixes built once for many lookups: one hash probe per prefix length
/// present, whatever its size.
#[wasm_bindgen]
pub struct PrefixTable {
    inner: cidrplan::PrefixTable,
}

#[wasm_bindgen]
impl PrefixTable {
    /// `new PrefixTable(["10.0.0.0/8", ...])`: a prefix given twice is held once.
    #[wasm_bindgen(constructor)]
    pub fn new(prefixes: Vec<String>) -> JsResult<PrefixTable> {
        Ok(PrefixTable { inner: cidrplan::PrefixTable::new(&nets(&prefixes)?) })
    }

    /// The most specific prefix holding `address` (a router's longest-prefix match).
    #[wasm_bindgen(js_name = longestMatch)]
    pub fn longest_match(&self, address: &str) -> JsResult<Option<String>> {
        Ok(self.inner.longest_match(addr(address)?).map(|n| n.to_string()))
    }

    /// The least specific prefix holding `address`.
    #[wasm_bindgen(js_name = shortestMatch)]
    pub fn shortest_match(&self, address: &str) -> JsResult<Option<String>> {
        Ok(self.inner.shortest_match(addr(address)?).map(|n| n.to_string()))
    }

    /// Every prefix holding `address`, the shortest first.
    #[wasm_bindgen(js_name = allMatches)]
    pub fn all_matches(&self, address: &str) -> JsResult<Vec<String>> {
        Ok(strs(&self.inner.all_matches(addr(address)?)))
    }

    /// Whether the table holds exactly `prefix`.
    pub fn has(&self, prefix: &str) -> JsResult<bool> {
        Ok(self.inner.contains(&net(prefix)?))
    }

    /// How many distinct prefixes the table holds.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }
}

//! The WebAssembly face of plan documents (`cidrplan::document`): the class `Plan`,
//! with the shape of Python's `cidrplan.Plan`.

use crate::*;
use cidrplan::document;

/// One file of several: `{text, file}`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    text: String,
    file: String,
}

/// An address plan read from YAML or JSON.
#[wasm_bindgen]
pub struct Plan {
    inner: document::Plan,
    /// What the import that made this plan left out (empty for any other plan).
    notes: Vec<String>,
}

#[wasm_bindgen]
impl Plan {
    /// `new Plan(source, file)` reads a plan as `Plan.load` does (without it, `new`
    /// would make an empty handle that fails on first use).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | object")] source: JsValue,
        file: Option<String>,
    ) -> JsResult<Plan> {
        Self::load(source, file)
    }

    /// Read a plan: YAML or JSON text, or a plain object; `file` names it in messages.
    pub fn load(
        #[wasm_bindgen(unchecked_param_type = "string | object")] source: JsValue,
        file: Option<String>,
    ) -> JsResult<Plan> {
        let text: String = match source.as_string() {
            Some(t) => t,
            None if source.is_object() => {
                js_sys::JSON::stringify(&source).map_err(|_| arg_err("plan", "not JSON-serializable"))?.into()
            }
            None => return Err(arg_err("plan", "give plan text (YAML or JSON) or an object")),
        };
        let file = file.unwrap_or_else(|| if source.is_string() { "<text>".into() } else { "<object>".into() });
        Ok(Plan { inner: document::Plan::from_text(&text, &file).js()?, notes: Vec::new() })
    }

    /// Several files that are one plan: `[{text, file}, ...]`.
    #[wasm_bindgen(js_name = loadAll)]
    pub fn load_all(
        #[wasm_bindgen(unchecked_param_type = "{ text: string; file: string }[]")] files: JsValue,
    ) -> JsResult<Plan> {
        let files: Vec<File> = from_js(&files, "files")?;
        Ok(Plan {
            inner: document::Plan::from_texts(files.iter().map(|f| (f.text.as_str(), f.file.as_str()))).js()?,
            notes: Vec::new(),
        })
    }

    /// A subnet calculator's state as a plan: one network per base, the named leaves
    /// (after splitting every prefix in `splits`) as subnets; `names` maps a prefix to its name.
    #[wasm_bindgen(js_name = forSubnets)]
    pub fn for_subnets(
        bases: Vec<String>,
        splits: Vec<String>,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] names: JsValue,
        profile: &str,
    ) -> JsResult<Plan> {
        let bases = bases.iter().map(|b| net(b)).collect::<JsResult<Vec<_>>>()?;
        let splits = splits.iter().map(|b| net(b)).collect::<JsResult<Vec<_>>>()?;
        let names: std::collections::BTreeMap<String, String> = from_js_exact(&names, "names")?;
        let names = names
            .iter()
            .map(|(p, n)| Ok(cidrplan::NamedPrefix::new(n.clone(), net(p)?)))
            .collect::<JsResult<Vec<_>>>()?;
        Ok(Plan {
            inner: document::Plan::for_subnets(&bases, &splits, &names, parse(profile)?).js()?,
            notes: Vec::new(),
        })
    }

    /// A cluster carved out of a VPC (as `plan.carve`) as a plan.
    #[wasm_bindgen(js_name = forCluster)]
    pub fn for_cluster(
        name: &str,
        vpc: &str,
        platform: &str,
        #[wasm_bindgen(unchecked_param_type = "Requirement | CamelCase<Requirement>")] requirement: JsValue,
    ) -> JsResult<Plan> {
        let req: cidrplan::plan::Requirement = from_js(&requirement, "requirement")?;
        Ok(Plan {
            inner: document::Plan::for_cluster(name, &net(vpc)?, &parse(platform)?, &req).js()?,
            notes: Vec::new(),
        })
    }

    /// A plan of what exists from export files of `source` (aws, azure, gcp, terraform,
    /// kubectl, netbox): `[{text, file}, ...]`, as `cidrplan import` reads them.
    #[wasm_bindgen(js_name = importFrom)]
    pub fn import_from(
        source: &str,
        #[wasm_bindgen(unchecked_param_type = "{ text: string; file: string }[]")] files: JsValue,
    ) -> JsResult<Plan> {
        let files: Vec<File> = from_js(&files, "files")?;
        let pairs: Vec<(&str, &str)> = files.iter().map(|f| (f.text.as_str(), f.file.as_str())).collect();
        let got = document::Plan::import_noting(parse(source)?, &pairs).js()?;
        Ok(Plan { inner: got.plan, notes: got.notes })
    }

    /// What the import that made this plan left out, and why (an interface whose subnet is
    /// not in the export, a peering whose far side gives no range ...); empty otherwise.
    #[wasm_bindgen(getter, js_name = importNotes)]
    pub fn import_notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    /// A file's bytes as text: UTF-8 (a byte-order mark dropped) or UTF-16 with its
    /// byte-order mark (what Windows PowerShell 5.1's `>` writes); else an error naming
    /// `file` and the first byte that is not UTF-8.
    #[wasm_bindgen(js_name = decodeText)]
    pub fn decode_text(bytes: &[u8], file: &str) -> JsResult<String> {
        document::decode_text(bytes, file).js()
    }

    /// The /28 blocks of subnet `name` (a name or a resource id) and what is in each.
    #[wasm_bindgen(js_name = subnetMap, unchecked_return_type = "SubnetMap")]
    pub fn subnet_map(&self, name: &str) -> JsResult<JsValue> {
        to_js(&self.inner.subnet_map(name).js()?)
    }

    /// What differs between this (planned) plan and `actual`.
    #[wasm_bindgen(unchecked_return_type = "Difference[]")]
    pub fn diff(&self, actual: &Plan) -> JsResult<JsValue> {
        to_js(&self.inner.diff(&actual.inner))
    }

    /// Check the plan (ranges given by size are carved first, in memory; they stay where
    /// `previous`, an earlier report's `carved`, placed them while they still fit).
    #[wasm_bindgen(unchecked_return_type = "PlanReport")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Placement[]")] previous: Option<JsValue>,
    ) -> JsResult<JsValue> {
        to_js(&self.inner.check_keeping(&placements_arg(&previous)?))
    }

    /// The findings alone.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn findings(&self) -> JsResult<JsValue> {
        to_js(&self.inner.check().findings)
    }

    /// A new plan with every range given by size placed (sized ranges stay where
    /// `previous` placed them while they still fit).
    pub fn carve(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Placement[]")] previous: Option<JsValue>,
    ) -> JsResult<Plan> {
        Ok(Plan { inner: self.inner.carve_keeping(&placements_arg(&previous)?).js()?.plan, notes: Vec::new() })
    }

    /// What `carve` places.
    #[wasm_bindgen(unchecked_return_type = "Placement[]")]
    pub fn placements(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Placement[]")] previous: Option<JsValue>,
    ) -> JsResult<JsValue> {
        to_js(&self.inner.carve_keeping(&placements_arg(&previous)?).js()?.placements)
    }

    /// Carve plan text and write what was placed into the text, comments kept (sized
    /// ranges where `previous` placed them while they still fit).
    #[wasm_bindgen(js_name = carveText)]
    pub fn carve_text(
        text: &str,
        file: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "Placement[]")] previous: Option<JsValue>,
    ) -> JsResult<String> {
        document::carve_text_keeping(text, file.as_deref().unwrap_or("<text>"), &placements_arg(&previous)?).js()
    }

    /// The (carved) plan as terraform, csv, json, markdown or yaml text (sized ranges
    /// where `previous` placed them while they still fit).
    pub fn export(
        &self,
        format: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "Placement[]")] previous: Option<JsValue>,
    ) -> JsResult<String> {
        let f: document::ExportFormat = format.parse().js()?;
        self.inner.export_keeping(f, &placements_arg(&previous)?).js()
    }

    /// The plan document as YAML.
    #[wasm_bindgen(js_name = toYaml)]
    pub fn to_yaml(&self) -> String {
        self.inner.to_yaml()
    }

    /// The plan document as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The plan document as a plain object.
    #[wasm_bindgen(js_name = toObject)]
    pub fn to_object(&self) -> JsResult<JsValue> {
        to_js(&self.inner)
    }

    /// The plan's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> Option<String> {
        self.inner.name.clone()
    }
}

/// `previous`: placements of an earlier check or carve; undefined or null for none.
fn placements_arg(previous: &Option<JsValue>) -> JsResult<Vec<document::Placement>> {
    match previous {
        Some(p) if !p.is_undefined() && !p.is_null() => crate::from_js_exact(p, "previous"),
        _ => Ok(Vec::new()),
    }
}

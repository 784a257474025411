//! Parsing prefixes and addresses from text.
//!
//! Strict by default, like Python's `ipaddress.ip_network`: host bits set is an
//! error that suggests the fix. A lenient mode masks host bits (Terraform's
//! behaviour). IPv4 netmask form (`10.0.0.0/255.255.255.0`) and hostmask form
//! (`10.0.0.0/0.0.0.255`) are accepted, as in `ipaddress`; a prefix length with a leading
//! zero (`/024`) is decimal.
//! Leading zeros in IPv4 octets (`010.0.0.0`) are always rejected: Terraform
//! reads them as decimal and older C libraries as octal, so they are ambiguous.

use crate::addr::{addr_to_u128, Family};
use crate::{Error, Result};
use ipnet::IpNet;
use std::net::IpAddr;

/// What to do with host bits set below the prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum HostBits {
    /// `10.0.0.1/24` is an error (Python `ipaddress` strict mode).
    #[default]
    Reject,
    /// `10.0.0.1/24` means `10.0.0.0/24` (Terraform, `strict=False`).
    Mask,
}

/// Options for [`parse_prefix_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct ParseOptions {
    /// Host-bit handling; rejecting is the default.
    pub host_bits: HostBits,
    /// Accept a bare address as a /32 or /128. Off by default.
    pub bare_address: bool,
}

const MAX_ECHO: usize = 60;

/// Shorten very long input for messages so an error never echoes megabytes.
pub(crate) fn echo(input: &str) -> String {
    if input.chars().count() <= MAX_ECHO {
        input.to_string()
    } else {
        let head: String = input.chars().take(MAX_ECHO).collect();
        format!("{head}... ({} characters)", input.len())
    }
}

fn parse_error(input: &str, expected: &'static str, reason: impl Into<String>) -> Error {
    Error::Parse { input: echo(input), expected, reason: reason.into() }
}

/// Parse an IP address (v4 or v6), rejecting IPv4 octets with leading zeros.
///
/// ```
/// use cidrplan::parse_address;
/// assert_eq!(parse_address("10.0.0.1").unwrap().to_string(), "10.0.0.1");
/// let err = parse_address("010.0.0.1").unwrap_err();
/// assert!(err.to_string().contains("leading zero"));
/// assert!(parse_address("10.0.0.256").is_err());
/// // a zone id is not part of the address: parse_scoped_address reads both
/// assert!(parse_address("fe80::1%eth0").unwrap_err().to_string().contains("parse_scoped_address"));
/// ```
pub fn parse_address(input: &str) -> Result<IpAddr> {
    let text = input.trim();
    if let Some((addr, zone)) = text.split_once('%') {
        let reason = match parse_addr_inner(addr) {
            Ok(IpAddr::V6(_)) => format!(
                "it has a zone id (%{zone}), which names a link (an interface) rather than being part of the \
                 address; give {addr} alone, or read both with parse_scoped_address"
            ),
            Ok(IpAddr::V4(_)) => "a zone id (%...) is for IPv6 addresses only".into(),
            Err(reason) => reason,
        };
        return Err(parse_error(input, "IP address", reason));
    }
    parse_addr_inner(text).map_err(|reason| parse_error(input, "IP address", reason))
}

/// Parse an IPv6 address with an optional zone id (RFC 4007 §11: `fe80::1%eth0`), as
/// Python's `ipaddress` reads it: the address and the zone, which is any text but empty
/// and without another `%`. An IPv4 address takes no zone.
///
/// ```
/// use cidrplan::parse_scoped_address;
/// let (addr, zone) = parse_scoped_address("fe80::1%eth0").unwrap();
/// assert_eq!((addr.to_string(), zone.as_deref()), ("fe80::1".to_string(), Some("eth0")));
/// assert_eq!(parse_scoped_address("10.0.0.1").unwrap().1, None);
/// assert!(parse_scoped_address("fe80::1%").is_err());
/// assert!(parse_scoped_address("10.0.0.1%eth0").is_err());
/// ```
pub fn parse_scoped_address(input: &str) -> Result<(IpAddr, Option<String>)> {
    let text = input.trim();
    let Some((addr, zone)) = text.split_once('%') else {
        return Ok((parse_address(text)?, None));
    };
    let reason = match parse_addr_inner(addr) {
        Ok(IpAddr::V4(_)) => "a zone id (%...) is for IPv6 addresses only".to_string(),
        Err(reason) => reason,
        Ok(_) if zone.is_empty() => "the zone id after % is empty; name the link, as in fe80::1%eth0".into(),
        Ok(_) if zone.contains('%') => "a zone id cannot contain another %".into(),
        Ok(a) => return Ok((a, Some(zone.to_string()))),
    };
    Err(parse_error(input, "IPv6 address with an optional zone id", reason))
}

fn parse_addr_inner(text: &str) -> std::result::Result<IpAddr, String> {
    if text.is_empty() {
        return Err("it is empty".into());
    }
    if let Ok(a) = text.parse::<IpAddr>() {
        return Ok(a);
    }
    if !text.contains(':') && text.split('.').count() == 4 {
        let octets: Vec<&str> = text.split('.').collect();
        if octets.iter().all(|o| !o.is_empty() && o.bytes().all(|b| b.is_ascii_digit())) {
            if let Some(bad) = octets.iter().find(|o| o.len() > 1 && o.starts_with('0')) {
                let fixed: Vec<String> =
                    octets.iter().map(|o| o.parse::<u64>().map(|v| v.to_string()).unwrap_or_default()).collect();
                return Err(format!(
                    "octet {bad:?} has a leading zero, which some tools read as octal; write {}",
                    fixed.join(".")
                ));
            }
            if let Some(big) = octets.iter().find(|o| o.parse::<u32>().map_or(true, |v| v > 255)) {
                return Err(format!("octet {big} is larger than 255"));
            }
        }
        return Err("expected four decimal octets like 10.0.0.1".into());
    }
    if text.contains(':') {
        return Err("not a valid IPv6 address (like 2001:db8::1)".into());
    }
    Err("expected an IPv4 address like 10.0.0.1 or an IPv6 address like 2001:db8::1".into())
}

/// Parse a prefix strictly: host bits set is an error.
///
/// ```
/// use cidrplan::parse_prefix;
/// assert_eq!(parse_prefix("10.0.0.0/24").unwrap().to_string(), "10.0.0.0/24");
/// assert_eq!(parse_prefix("10.0.0.0/255.255.255.0").unwrap().to_string(), "10.0.0.0/24");
/// assert_eq!(parse_prefix("2001:db8::/32").unwrap().to_string(), "2001:db8::/32");
/// assert_eq!(
///     parse_prefix("10.0.0.1/24").unwrap_err().to_string(),
///     "10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?"
/// );
/// assert!(parse_prefix("10.0.0.0/33").is_err());
/// assert!(parse_prefix("10.0.0.0").is_err()); // a bare address needs ParseOptions
/// ```
pub fn parse_prefix(input: &str) -> Result<IpNet> {
    parse_prefix_with(input, ParseOptions::default())
}

/// Parse a prefix, masking host bits (`10.0.0.1/24` -> `10.0.0.0/24`), as Terraform does.
///
/// ```
/// use cidrplan::parse_prefix_lenient;
/// assert_eq!(parse_prefix_lenient("10.0.0.1/24").unwrap().to_string(), "10.0.0.0/24");
/// assert_eq!(
///     parse_prefix_lenient("fd00:fd12:3456:7890::/56").unwrap().to_string(),
///     "fd00:fd12:3456:7800::/56"
/// );
/// assert!(parse_prefix_lenient("010.0.0.0/8").is_err()); // leading zeros stay an error
/// ```
pub fn parse_prefix_lenient(input: &str) -> Result<IpNet> {
    parse_prefix_with(input, ParseOptions { host_bits: HostBits::Mask, bare_address: false })
}

/// Parse a prefix with explicit options.
///
/// ```
/// use cidrplan::{parse_prefix_with, ParseOptions, HostBits};
/// let opts = ParseOptions { host_bits: HostBits::Reject, bare_address: true };
/// assert_eq!(parse_prefix_with("192.0.2.7", opts).unwrap().to_string(), "192.0.2.7/32");
/// assert_eq!(parse_prefix_with("::1", opts).unwrap().to_string(), "::1/128");
/// ```
pub fn parse_prefix_with(input: &str, options: ParseOptions) -> Result<IpNet> {
    const WHAT: &str = "IP prefix";
    if let Some(net) = fast_v4(input.as_bytes()) {
        return Ok(net);
    }
    let text = input.trim();
    if text.is_empty() {
        return Err(parse_error(input, WHAT, "it is empty; write a prefix like 10.0.0.0/16"));
    }
    let (addr_text, len_text) = match text.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (text, None),
    };
    let addr = parse_addr_inner(addr_text).map_err(|r| parse_error(input, WHAT, r))?;
    let family = Family::of_addr(&addr);
    let bits = family.bits();
    let len = match len_text {
        None if options.bare_address => bits,
        None => {
            return Err(parse_error(
                input,
                WHAT,
                format!("the prefix length is missing; write {addr}/{bits} for a single address"),
            ))
        }
        Some(l) => parse_length(l, family).map_err(|r| parse_error(input, WHAT, r))?,
    };
    let net = IpNet::new(addr, len).map_err(|_| parse_error(input, WHAT, "prefix length out of range"))?;
    let trunc = net.trunc();
    if trunc.addr() != addr && options.host_bits == HostBits::Reject {
        return Err(Error::HostBitsSet { input: echo(text), suggestion: trunc.to_string() });
    }
    Ok(trunc)
}

/// The common case, `a.b.c.d/n` in canonical decimal with host bits clear, in one pass.
/// Anything else (or any doubt) returns `None` and takes the full parser with its messages.
fn fast_v4(b: &[u8]) -> Option<IpNet> {
    let mut octets = [0u32; 5];
    let mut idx = 0;
    let mut digits = 0;
    let mut val = 0u32;
    let mut lead_zero = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                if digits == 0 {
                    lead_zero = c == b'0';
                } else if lead_zero || digits == 3 {
                    return None;
                }
                val = val * 10 + (c - b'0') as u32;
                digits += 1;
            }
            b'.' | b'/' => {
                let want = if c == b'.' { idx < 3 } else { idx == 3 };
                if digits == 0 || !want || val > 255 {
                    return None;
                }
                octets[idx] = val;
                idx += 1;
                (val, digits) = (0, 0);
                if c == b'/' && i + 1 == b.len() {
                    return None;
                }
            }
            _ => return None,
        }
    }
    if idx != 4 || digits == 0 || val > 32 || lead_zero && digits > 1 {
        return None;
    }
    let addr = (octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3];
    let len = val as u8;
    let host_mask = if len == 0 { u32::MAX } else { (1u32 << (32 - len)).wrapping_sub(1) };
    if addr & host_mask != 0 {
        return None;
    }
    Some(IpNet::V4(ipnet::Ipv4Net::new_assert(std::net::Ipv4Addr::from(addr), len)))
}

fn parse_length(text: &str, family: Family) -> std::result::Result<u8, String> {
    let bits = family.bits();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        // a leading zero (`/024`) is read as decimal, as Python's ipaddress and Go's
        // net.ParseCIDR (Terraform) read it: no tool reads a prefix length as octal, so
        // unlike an octet's it is not ambiguous
        let text = text.trim_start_matches('0');
        let text = if text.is_empty() { "0" } else { text };
        return match text.parse::<u16>() {
            Ok(v) if v <= bits as u16 => Ok(v as u8),
            _ => Err(format!("prefix length {text} is larger than {bits}, the {} maximum", family.name())),
        };
    }
    if family == Family::V4 && text.contains('.') {
        let mask = parse_addr_inner(text).map_err(|r| format!("netmask {text}: {r}"))?;
        let m = addr_to_u128(mask) as u32;
        let ones = m.leading_ones();
        if m.checked_shl(ones).unwrap_or(0) == 0 {
            return Ok(ones as u8);
        }
        // a hostmask (wildcard mask, zeros then ones: 0.0.0.255 is /24), as ipaddress and
        // netaddr read it; tried after the netmask, as they do
        let host = !m;
        let prefix = host.leading_ones();
        if host.checked_shl(prefix).unwrap_or(0) == 0 {
            return Ok(prefix as u8);
        }
        return Err(format!(
            "{text} is neither a netmask (ones then zeros, like 255.255.255.0) nor a hostmask (zeros then ones, like 0.0.0.255)"
        ));
    }
    if text.is_empty() {
        return Err("the prefix length after '/' is missing".into());
    }
    Err(format!("prefix length {text:?} is not a number from 0 to {bits}"))
}

/// Write prefixes as text, one after another separated by `sep`: the canonical form
/// `Display` gives, with a fast path for IPv4 (bulk output to Python, CSV, JSON).
///
/// ```
/// let nets = ["10.0.0.0/8".parse().unwrap(), "2001:db8::/32".parse().unwrap()];
/// assert_eq!(cidrplan::prefixes_to_text(&nets, '\n'), "10.0.0.0/8\n2001:db8::/32");
/// ```
pub fn prefixes_to_text(nets: &[IpNet], sep: char) -> String {
    use std::fmt::Write;
    let mut buf = String::with_capacity(nets.len() * 18);
    for (i, n) in nets.iter().enumerate() {
        if i > 0 {
            buf.push(sep);
        }
        match n {
            IpNet::V4(v) => {
                for (k, o) in v.addr().octets().iter().enumerate() {
                    if k > 0 {
                        buf.push('.');
                    }
                    push_decimal(&mut buf, *o);
                }
                buf.push('/');
                push_decimal(&mut buf, v.prefix_len());
            }
            IpNet::V6(_) => {
                let _ = write!(buf, "{n}");
            }
        }
    }
    buf
}

fn push_decimal(buf: &mut String, v: u8) {
    if v >= 100 {
        buf.push((b'0' + v / 100) as char);
    }
    if v >= 10 {
        buf.push((b'0' + (v / 10) % 10) as char);
    }
    buf.push((b'0' + v % 10) as char);
}

/// Parse an address range written `first-last` (spaces allowed around `-`).
///
/// ```
/// let (a, b) = cidrplan::parse_range("10.0.0.1-10.0.0.10").unwrap();
/// assert_eq!((a.to_string(), b.to_string()), ("10.0.0.1".into(), "10.0.0.10".into()));
/// assert!(cidrplan::parse_range("10.0.0.9 - 10.0.0.1").is_err()); // reversed
/// ```
pub fn parse_range(input: &str) -> Result<(IpAddr, IpAddr)> {
    let Some((a, b)) = input.split_once('-') else {
        return Err(parse_error(input, "address range", "write it as first-last, like 10.0.0.1-10.0.0.10"));
    };
    let first = parse_address(a)?;
    let last = parse_address(b)?;
    check_range(first, last)?;
    Ok((first, last))
}

/// Validate that a range has one family and is not reversed.
pub(crate) fn check_range(first: IpAddr, last: IpAddr) -> Result<()> {
    if Family::of_addr(&first) != Family::of_addr(&last) {
        return Err(Error::MixedFamilies {
            operation: "address range",
            first: first.to_string(),
            other: last.to_string(),
        });
    }
    if addr_to_u128(first) > addr_to_u128(last) {
        return Err(Error::InvalidArgument(format!("address range {first}-{last} is reversed; write {last}-{first}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "/",
            "//",
            "1.2.3.4/",
            "/24",
            "1.2.3.4/-1",
            "1.2.3.4/999999999999999999999",
            "::/129",
            "1.2.3.4/255.0.255.0",
            "1.2.3.4/1.2.3",
            "abc",
            "1.2.3.4.5/8",
            "\u{0}",
            "ffff::ffff::/8",
            "1.2.3.4/0.255.0.255",
            "999.1.1.1/8",
            "1.1.1.1/24/3",
            "é/8",
        ] {
            assert!(parse_prefix(s).is_err(), "{s:?}");
            assert!(parse_prefix_lenient(s).is_err(), "{s:?}");
        }
    }

    #[test]
    fn fast_path_agrees_with_the_full_parser() {
        for s in [
            "10.0.0.0/8",
            "0.0.0.0/0",
            "255.255.255.255/32",
            "10.0.0.1/24",
            "010.0.0.0/8",
            "10.0.0.0/08",
            "1.2.3.4/33",
            "1.2.3/24",
            "1.2.3.4.5/8",
            "256.0.0.0/8",
            "1.2.3.4/",
            "/8",
            "1.2.3.4",
            "192.168.1.0/24",
            "0.0.0.0/00",
            "1.2.3.4/32",
            "1.2.3.0/240",
            "01.2.3.4/32",
            "1..2.3/8",
            "1.2.3.4/3 ",
            " 1.2.3.4/32",
        ] {
            let fast = fast_v4(s.as_bytes());
            let full = parse_prefix_with_slow(s);
            if let Some(f) = fast {
                assert_eq!(Ok(f), full, "{s}");
            }
        }
        assert!(fast_v4(b"10.0.0.0/8").is_some());
    }

    fn parse_prefix_with_slow(s: &str) -> Result<IpNet> {
        // the full parser alone, by way of a leading space the fast path refuses
        parse_prefix(&format!(" {s}"))
    }

    #[test]
    fn long_input_is_shortened_in_messages() {
        let s = "x".repeat(10_000);
        let msg = parse_prefix(&s).unwrap_err().to_string();
        assert!(msg.len() < 300, "{msg}");
    }

    #[test]
    fn hostmask_and_leading_zero_lengths_read_as_ipaddress_does() {
        // Python: ip_network("192.0.2.0/0.0.0.255") == ip_network("192.0.2.0/24");
        // ip_network("10.0.0.0/024") == ip_network("10.0.0.0/24")
        assert_eq!(parse_prefix("192.0.2.0/0.0.0.255").unwrap().to_string(), "192.0.2.0/24");
        assert_eq!(parse_prefix("10.0.0.0/0.255.255.255").unwrap().to_string(), "10.0.0.0/8");
        // netmask first, as ipaddress: 0.0.0.0 is /0 and 255.255.255.255 is /32
        assert_eq!(parse_prefix("0.0.0.0/0.0.0.0").unwrap().to_string(), "0.0.0.0/0");
        assert_eq!(parse_prefix("10.0.0.1/255.255.255.255").unwrap().to_string(), "10.0.0.1/32");
        // the same strictness: host bits set under a hostmask is an error
        assert!(parse_prefix("192.0.2.1/0.0.0.255").is_err());
        assert_eq!(parse_prefix("10.0.0.0/024").unwrap().to_string(), "10.0.0.0/24");
        assert_eq!(parse_prefix("10.0.0.0/08").unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(parse_prefix("2001:db8::/032").unwrap().to_string(), "2001:db8::/32");
        assert_eq!(parse_prefix("0.0.0.0/000").unwrap().to_string(), "0.0.0.0/0");
        let e = parse_prefix("1.2.3.4/0.255.0.255").unwrap_err().to_string();
        assert!(e.contains("neither a netmask") && e.contains("nor a hostmask"), "{e}");
    }

    #[test]
    fn netmask_zero_and_full() {
        assert_eq!(parse_prefix("0.0.0.0/0.0.0.0").unwrap().to_string(), "0.0.0.0/0");
        assert_eq!(parse_prefix("1.2.3.4/255.255.255.255").unwrap().to_string(), "1.2.3.4/32");
        assert!(parse_prefix("::/ffff::").is_err());
    }
}

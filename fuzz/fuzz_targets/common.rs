// Decoding fuzzer bytes into prefixes and numbers, shared by the targets.
#![allow(dead_code)]
use cidrplan::ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::net::{Ipv4Addr, Ipv6Addr};

pub struct Bytes<'a>(pub &'a [u8]);

impl Bytes<'_> {
    pub fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
    pub fn u64(&mut self) -> u64 {
        (self.u32() as u64) << 32 | self.u32() as u64
    }
    pub fn u128(&mut self) -> u128 {
        (self.u64() as u128) << 64 | self.u64() as u128
    }
    pub fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }
    pub fn empty(&self) -> bool {
        self.0.is_empty()
    }
    /// A prefix; mostly IPv4 clustered in 10.0.0.0/16 so that operations interact.
    pub fn net(&mut self) -> IpNet {
        match self.u8() % 4 {
            0 => IpNet::V6(Ipv6Net::new(Ipv6Addr::from(self.u128()), self.u8() % 129).unwrap_or_default().trunc()),
            1 => IpNet::V4(Ipv4Net::new(Ipv4Addr::from(self.u32()), self.u8() % 33).unwrap_or_default().trunc()),
            _ => {
                let a = 0x0a00_0000 | (self.u32() & 0xffff);
                IpNet::V4(Ipv4Net::new(Ipv4Addr::from(a), 16 + self.u8() % 17).unwrap_or_default().trunc())
            }
        }
    }
    pub fn nets(&mut self, max: usize) -> Vec<IpNet> {
        let n = self.u8() as usize % (max + 1);
        (0..n).map(|_| self.net()).collect()
    }
}

//! Resource and enum pages.

use crate::ir::Page;

use super::context::PageContext;

pub fn read_resource(_ctx: &PageContext<'_>, _page: &mut Page) {}

pub fn read_enum(_ctx: &PageContext<'_>, _page: &mut Page) {}

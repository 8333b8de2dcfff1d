//! The blog as one native tool: a blog folder (posts, pages, settings, its own files) built
//! around the prebuilt app into a whole static site, checked, or served while writing with
//! live reload. `blog-core` keeps what the browser needs; this crate is what only the build
//! and the author's machine need.
#![cfg(not(target_arch = "wasm32"))]

pub mod app;
pub mod build;
pub mod check;
pub mod cli;
pub mod diagrams;
pub mod i18n;
pub mod import;
pub mod init;
pub mod output;
pub mod publish;
mod render;
pub mod serve;
pub mod site_pages;

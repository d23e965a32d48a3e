//! Permission rows read from structure in any language: fixture pages in the
//! shared corpora's languages and in languages the corpora do not have, and
//! the diagnostics for every name or cell that is lost.

use docgen::ir::page::{Page, Permissions};
use docgen::parse::{read_page, NoIncludes};

fn read(name: &str) -> Page {
    let path = format!(
        "{}/tests/fixtures/permissions/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("fixture");
    read_page(
        &format!("api-reference/v1.0/api/{name}"),
        &bytes,
        &NoIncludes,
    )
}

fn permissions(name: &str) -> Permissions {
    let page = read(name);
    assert_eq!(page.operations.len(), 1, "{name}: {:?}", page.diagnostics);
    page.operations[0].permissions.clone()
}

fn assert_rows(name: &str, work: &[&str], personal: &[&str], application: &[&str]) {
    let p = permissions(name);
    assert_eq!(p.delegated_work, work, "{name}: delegated work");
    assert_eq!(p.delegated_personal, personal, "{name}: delegated personal");
    assert_eq!(p.application, application, "{name}: application");
}

fn messages(page: &Page) -> Vec<&str> {
    page.diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect()
}

#[test]
fn shared_languages() {
    assert_rows(
        "ja-jp.md",
        &["User.Read", "User.ReadWrite"],
        &["User.Read"],
        &["User.Read.All", "Directory.Read.All"],
    );
    assert_rows(
        "de-de.md",
        &["User.Read", "User.ReadWrite"],
        &[],
        &["User.Read.All"],
    );
    assert_rows(
        "es-es.md",
        &["User.Read", "User.ReadWrite"],
        &["User.Read"],
        &["User.Read.All"],
    );
    assert_rows(
        "zh-cn.md",
        &["User.Read", "User.ReadWrite"],
        &[],
        &["User.Read.All"],
    );
}

#[test]
fn transposed_table_with_translated_kind_columns() {
    assert_rows(
        "es-es-transposed.md",
        &["Calendars.ReadWrite", "Mail.ReadWrite"],
        &["Calendars.ReadWrite"],
        &["Calendars.ReadWrite", "Mail.ReadWrite"],
    );
}

#[test]
fn languages_the_corpora_do_not_have() {
    assert_rows(
        "pt-br.md",
        &["User.Read", "User.ReadWrite"],
        &[],
        &["User.Read.All"],
    );
    assert_rows("ru-ru.md", &["Mail.Read"], &["Mail.Read"], &[]);
    assert_rows(
        "ko-kr.md",
        &["Calendars.Read", "Calendars.ReadWrite"],
        &[],
        &["Calendars.Read", "Calendars.ReadWrite"],
    );
}

#[test]
fn a_lone_delegated_row_naming_a_transliterated_microsoft_is_personal() {
    assert_rows(
        "ru-ru-personal-only.md",
        &[],
        &["Notes.Read"],
        &["Notes.Read.All"],
    );
}

#[test]
fn labels_without_parentheses_share_their_first_word() {
    assert_rows(
        "no-parentheses.md",
        &["Sites.Read.All"],
        &[],
        &["Sites.ReadWrite.All"],
    );
}

#[test]
fn unknown_words_in_the_documented_order() {
    assert_rows(
        "unknown-words.md",
        &["Tasks.Read"],
        &["Tasks.ReadWrite"],
        &["Tasks.Read.All"],
    );
}

#[test]
fn reversed_delegated_rows_follow_their_words() {
    assert_rows(
        "reversed-delegated.md",
        &["Files.Read.All"],
        &["Files.Read"],
        &["Files.ReadWrite.All"],
    );
}

#[test]
fn translated_intune_sub_rows_add_to_their_kind() {
    assert_rows(
        "intune-sub-rows-de.md",
        &[
            "DeviceManagementManagedDevices.ReadWrite.All",
            "DeviceManagementManagedDevices.Read.All",
        ],
        &[],
        &[],
    );
}

#[test]
fn a_cell_with_neither_a_name_nor_not_supported_is_diagnosed() {
    let page = read("number-cell.md");
    let p = &page.operations[0].permissions;
    assert_eq!(p.delegated_work, ["Group.Read.All"]);
    assert!(p.application.is_empty());
    let lost: Vec<_> = page
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("`42` holds no permission name"))
        .collect();
    assert_eq!(lost.len(), 1, "{:?}", messages(&page));
    assert_eq!(lost[0].line, 21, "the Application row");
}

#[test]
fn names_outside_a_table_are_diagnosed_one_by_one() {
    let page = read("prose-list.md");
    let p = &page.operations[0].permissions;
    assert!(p.delegated_work.is_empty() && p.application.is_empty());
    let text = messages(&page);
    for name in ["Mail.ReadWrite", "Calendars.ReadWrite"] {
        assert!(
            text.iter()
                .any(|m| m.contains(&format!("`{name}` is named outside"))),
            "{name}: {text:?}"
        );
    }
    assert!(text.iter().any(|m| m.contains("no permissions table")));
}

#[test]
fn a_section_that_yields_nothing_says_why() {
    let page = read("all-not-supported.md");
    let text = messages(&page);
    assert_eq!(
        text,
        ["the Permissions section yields no permission: every cell of its table says none"]
    );
    let page = read("ja-jp.md");
    assert!(messages(&page).is_empty(), "{:?}", messages(&page));
}

/// `v1.0/api/user-get.md` of every shared translated corpus: all three rows.
#[test]
#[ignore = "set DOCGEN_CORPUS to the folder holding graph-docs-<locale>-<date>/"]
fn user_get_in_every_shared_language() {
    let root = std::path::PathBuf::from(std::env::var_os("DOCGEN_CORPUS").expect("DOCGEN_CORPUS"));
    let file = "api-reference/v1.0/api/user-get.md";
    let work = [
        "User.Read",
        "User.ReadWrite",
        "User.ReadBasic.All",
        "User.Read.All",
        "User.ReadWrite.All",
        "Directory.Read.All",
        "Directory.ReadWrite.All",
    ];
    let application = [
        "User.Read.All",
        "User.ReadWrite.All",
        "Directory.Read.All",
        "Directory.ReadWrite.All",
    ];
    for corpus in [
        "graph-docs-ja-jp-2019-09",
        "graph-docs-de-de-2019-03",
        "graph-docs-es-es-2019-01",
        "graph-docs-zh-cn-2023-02",
    ] {
        let bytes = std::fs::read(root.join(corpus).join(file)).expect("user-get page");
        let page = read_page(file, &bytes, &NoIncludes);
        let p = &page.operations[0].permissions;
        // The 2019 pages still list Directory.AccessAsUser.All last.
        let listed_work = &p.delegated_work[..work.len()];
        assert_eq!(listed_work, work, "{corpus}: delegated work");
        assert_eq!(
            p.delegated_personal,
            ["User.Read", "User.ReadWrite"],
            "{corpus}"
        );
        assert_eq!(p.application, application, "{corpus}: application");
    }
}

#[test]
fn a_translated_section_without_anchor_is_found_by_its_table() {
    assert_rows(
        "no-anchor.md",
        &["User.Read", "User.ReadWrite"],
        &[],
        &["User.Read.All"],
    );
    let page = read("no-anchor.md");
    assert!(
        messages(&page)
            .iter()
            .any(|m| m.contains("no section anchored `permissions`")),
        "{:?}",
        messages(&page)
    );
}

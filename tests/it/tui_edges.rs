//! Small rough edges a walkthrough found: Esc that closes a prompt does not also leave
//! the screen underneath, the choices of PV 2.3 stay in line with the figures, and the
//! tab line shows every F-key at 60 columns. TestBackend at 60, 80 and 160 columns.

use crate::tui_support;

use crossterm::event::KeyCode;
use meetel::i18n::Lang;
use meetel::sheet::{DhTick, Explained};
use meetel::tui::app::{Screen, ESC_GUARD};
use tui_support::{enter, key, sb1, screen, typed};

#[test]
fn esc_closing_a_prompt_does_not_also_leave_the_moments_screen() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "m");
    // Enter opens the time of the moment; Esc closes it; a second Esc at once (a
    // double press) stays on the moments screen.
    enter(&mut app);
    assert!(app.overlay.is_some());
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Events);
    assert!(screen(&app, 80, 24).contains("Momenten"));
    // The same after the objection editor.
    typed(&mut app, "o");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Events);
    // A deliberate Esc later goes back to the count, as the key reference says.
    std::thread::sleep(ESC_GUARD + std::time::Duration::from_millis(50));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Count);
}

#[test]
fn esc_after_another_key_is_not_swallowed() {
    let mut app = sb1(Lang::Nl);
    typed(&mut app, "m");
    enter(&mut app);
    key(&mut app, KeyCode::Esc);
    // Any command in between ends the gesture.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Count);
}

/// The column where the text of `needle`'s line ends (in cells).
fn right_edge(text: &str, needle: &str) -> usize {
    let line = text
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no `{needle}` in\n{text}"));
    let value_end = line.rfind(|c: char| c != ' ' && c != '│').unwrap();
    line[..value_end].chars().count()
}

#[test]
fn the_choices_of_2_3_end_where_the_figures_end() {
    let mut app = sb1(Lang::Nl);
    {
        let sess = app.session.as_mut().unwrap();
        sess.count.index = sess
            .rows
            .iter()
            .position(|r| *r == meetel::tui::app::Row::Explained)
            .unwrap();
    }
    // Cycle "volledig verklaard" to "geen van beide" (the widest choice).
    while app.session.as_ref().unwrap().sheet().explained != Some(Explained::Neither) {
        key(&mut app, KeyCode::Right);
    }
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    while app.session.as_ref().unwrap().sheet().dh_tick != Some(DhTick::NoneTicked) {
        key(&mut app, KeyCode::Right);
    }
    key(&mut app, KeyCode::Down);
    for w in [80, 160] {
        let t = screen(&app, w, 48);
        // Not focused: the value is the last thing on its line.
        let figures = right_edge(&t, "meer getelde stembiljetten");
        assert_eq!(right_edge(&t, "geen vakje"), figures, "{t}");
        assert_eq!(right_edge(&t, "geen van beide"), figures, "{t}");
    }
    // Focused, the hint follows right after the value, as on a figure row.
    key(&mut app, KeyCode::Up);
    let t = screen(&app, 80, 24);
    let line = t.lines().find(|l| l.contains("geen vakje")).unwrap();
    let figures_line = t
        .lines()
        .find(|l| l.contains("meer getelde stembiljetten"))
        .unwrap();
    let at = |l: &str, s: &str| l[..l.find(s).unwrap()].chars().count();
    assert_eq!(
        at(line, "geen vakje") + "geen vakje".len(),
        at(figures_line, "—") + 1,
        "{t}"
    );
}

#[test]
fn the_tab_line_shows_f7_and_f8_at_60_columns() {
    let mut app = sb1(Lang::Nl);
    for screen_key in [KeyCode::F(2), KeyCode::F(5), KeyCode::F(7)] {
        key(&mut app, screen_key);
        let t = screen(&app, 60, 16);
        let tabs = t.lines().nth(1).unwrap();
        assert!(tabs.contains("F7") && tabs.contains("F8"), "{tabs}");
    }
}

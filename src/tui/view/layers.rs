//! Drawing the layers: help, prompt, confirm, vote, attendance, outcome and the proposal editor.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::domain::vote::{check_counts, evaluate};
use crate::domain::{Outcome, Presence};
use crate::render::german;

use super::super::app::App;
use super::super::keymap::{Command, Context, bindings, key_for, keys_label};
use super::super::layer::{EditTarget, Editor, Layer, Prompt, VoteDraft};
use super::super::theme::theme;
use super::{Areas, fit};

pub fn draw(frame: &mut Frame, areas: &Areas, app: &App, layer: &Layer) {
    let screen = Rect {
        y: areas.header.y,
        ..areas.header
    }
    .union(areas.hints);
    match layer {
        Layer::Help { scroll } => help(frame, screen, *scroll),
        Layer::Editor(editor) => proposal_editor(frame, screen, editor),
        Layer::Prompt(prompt) => self::prompt(frame, screen, prompt),
        Layer::Confirm(confirm) => {
            let area = popup(screen, 60, 7);
            let body = vec![
                Line::raw(confirm.question.clone()),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("J", theme().key),
                    Span::raw(" ja   "),
                    Span::styled("jede andere Taste", theme().key),
                    Span::raw(" nein"),
                ]),
            ];
            boxed(
                frame,
                area,
                "Rückfrage",
                Paragraph::new(body).wrap(Wrap { trim: true }),
            );
        }
        Layer::Vote(draft) => vote(frame, screen, app, draft),
        Layer::Attendance { sel } => attendance(frame, screen, app, *sel),
        Layer::Outcome { sel, .. } => {
            let area = popup(screen, 36, Outcome::ALL.len() as u16 + 3);
            let labels = Outcome::ALL
                .iter()
                .map(|o| german::outcome(*o))
                .chain(["– kein Beschluss –"]);
            let lines: Vec<Line> = labels
                .enumerate()
                .map(|(i, label)| {
                    let line = Line::raw(format!(" {label}"));
                    if i == *sel {
                        line.style(theme().selected)
                    } else {
                        line
                    }
                })
                .collect();
            boxed(frame, area, "Beschluss", Paragraph::new(lines));
        }
    }
}

/// A centred rectangle of at most `width`×`height` inside `area`.
fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn boxed(frame: &mut Frame, area: Rect, title: &str, body: Paragraph) {
    let block = Block::bordered()
        .border_style(theme().border_focus)
        .title(Span::styled(format!(" {title} "), theme().title));
    frame.render_widget(Clear, area);
    frame.render_widget(body.block(block), area);
}

fn help(frame: &mut Frame, screen: Rect, scroll: u16) {
    let t = theme();
    let area = popup(screen, 100, screen.height);
    let mut lines = Vec::new();
    for context in Context::ALL {
        lines.push(Line::styled(context.title(), t.title));
        for b in bindings(context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys_label(b)), t.key),
                Span::raw(b.help),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled("Zeichen in der Tagesordnung", t.title));
    lines.push(Line::raw(
        "  ▶ aufgerufen  N nichtöffentlich  ✓ beschlossen  ✗ abgelehnt  i zur Kenntnis",
    ));
    lines.push(Line::raw(
        "  » vertagt/verwiesen  – abgesetzt/zurückgezogen",
    ));
    lines.push(Line::styled("Redeliste", t.title));
    lines.push(Line::raw("  ZF Zwischenfrage, ER Erwiderung, GO zur Geschäftsordnung – in dieser Reihenfolge vor allen anderen"));
    let block = Block::bordered()
        .border_style(t.border_focus)
        .title(Span::styled(
            format!(
                " Hilfe – alle Tasten (↑/↓ blättern, {} schließt) ",
                key_for(Context::Help, Command::Back)
            ),
            t.title,
        ));
    frame.render_widget(Clear, area);
    let last_page = (lines.len() as u16).saturating_sub(area.height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(last_page), 0)),
        area,
    );
}

fn proposal_editor(frame: &mut Frame, screen: Rect, editor: &Editor) {
    // Minutes are edited inside the minutes pane; the proposal gets a window of its own.
    if !matches!(editor.target, EditTarget::Proposal { .. }) {
        return;
    }
    let area = popup(screen, 76, 12);
    let block = Block::bordered()
        .border_style(theme().border_focus)
        .title(Span::styled(format!(" {} ", editor.prefix), theme().title))
        .title_bottom(Span::styled(
            format!(" {} übernimmt ", key_for(Context::Editor, Command::Accept)),
            theme().key,
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(&editor.area, inner);
}

fn prompt(frame: &mut Frame, screen: Rect, prompt: &Prompt) {
    let t = theme();
    let shown = prompt.candidates.len().min(8) as u16;
    let area = popup(screen, 64, 3 + shown + u16::from(shown > 0));
    let block = Block::bordered()
        .border_style(t.border_focus)
        .title(Span::styled(format!(" {} ", prompt.title), t.title));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    frame.render_widget(&prompt.input, input);
    let first = prompt.sel.saturating_sub(shown.saturating_sub(1) as usize);
    let lines: Vec<Line> = prompt
        .candidates
        .iter()
        .enumerate()
        .skip(first)
        .take(shown as usize)
        .map(|(i, c)| {
            let line = Line::raw(fit(&format!(" {}", c.label), inner.width as usize));
            if i == prompt.sel {
                line.style(t.selected)
            } else {
                line
            }
        })
        .collect();
    if !lines.is_empty() {
        let list = Rect {
            y: list.y + 1,
            height: list.height.saturating_sub(1),
            ..list
        };
        frame.render_widget(Paragraph::new(lines), list);
    }
}

fn vote(frame: &mut Frame, screen: Rect, app: &App, draft: &VoteDraft) {
    let t = theme();
    let area = popup(screen, 56, 16);
    let item = app.session.item(&draft.item);
    let entitled = app.session.entitled(item, Some(draft.at));
    let kind = item.map_or(crate::domain::MotionKind::Beschlussvorschlag, |i| {
        crate::tui::app::panes::draft_kind(i, draft)
    });
    let what = kind.label();
    let vote = crate::domain::Vote::new(draft.yes, draft.no, draft.abstain);
    let bar_width = (area.width as usize).saturating_sub(22);
    let bar = |n: u32| {
        "█".repeat(
            (n as usize * bar_width)
                .checked_div(entitled.max(1) as usize)
                .unwrap_or(0)
                .min(bar_width),
        )
    };
    let digits = if draft.digits.is_empty() {
        String::new()
    } else {
        format!("  Eingabe: {}_", draft.digits)
    };
    let mut lines = vec![
        Line::raw(format!("Abstimmung über: {what}")),
        Line::raw(format!(
            "Stimmberechtigt anwesend: {entitled} (um {} Uhr){digits}",
            draft.at.hhmm()
        )),
        Line::raw(""),
        Line::from(vec![
            Span::raw(format!("Ja          {:>3} ", draft.yes)),
            Span::styled(bar(draft.yes), t.yes),
        ]),
        Line::from(vec![
            Span::raw(format!("Nein        {:>3} ", draft.no)),
            Span::styled(bar(draft.no), t.no),
        ]),
        Line::from(vec![
            Span::raw(format!("Enthaltung  {:>3} ", draft.abstain)),
            Span::styled(bar(draft.abstain), t.abstain),
        ]),
        Line::raw(format!("Summe       {:>3} von {entitled}", vote.cast())),
        Line::raw(""),
    ];
    let quorum = app.session.quorum(item, Some(draft.at));
    if !quorum.reached() {
        let text = format!(
            "⚠ nicht beschlussfähig: {} von nötigen {} anwesend",
            quorum.present, quorum.required
        );
        lines.push(Line::styled(fit(&text, area.width as usize - 2), t.error));
    }
    let open_amendments = item.map_or(0, crate::domain::AgendaItem::open_amendments);
    if kind == crate::domain::MotionKind::Beschlussvorschlag && open_amendments > 0 {
        lines.push(Line::styled(
            "⚠ Änderungsantrag noch nicht abgestimmt",
            t.warn,
        ));
    }
    match check_counts(&vote, entitled, app.session.land.abstention_allowed()) {
        Err(problem) => lines.push(Line::styled(
            fit(&format!("⚠ {problem}"), area.width as usize - 2),
            t.error,
        )),
        Ok(()) => {
            let e = evaluate(&vote, draft.majority, app.session.legal_members());
            let verdict = if e.passed { "ANGENOMMEN" } else { "ABGELEHNT" };
            let style = if e.passed { t.ok } else { t.no };
            lines.push(Line::styled(
                format!("{verdict} – {}", german::summary(e.summary)),
                style.add_modifier(ratatui::style::Modifier::BOLD),
            ));
        }
    }
    let rule = german::majority(draft.majority);
    lines.push(Line::styled(
        format!(
            "Regel: {rule} ({} wechselt)",
            key_for(Context::Vote, Command::CycleMajority)
        ),
        t.muted,
    ));
    lines.push(Line::raw(""));
    let key = |c| key_for(Context::Vote, c);
    lines.push(Line::from(vec![
        Span::styled(
            format!(
                "{}/{}/{}",
                key(Command::YesUp),
                key(Command::NoUp),
                key(Command::AbstainUp)
            ),
            t.key,
        ),
        Span::raw(" +1  "),
        Span::styled(key(Command::Unanimous), t.key),
        Span::raw(" einstimmig  "),
        Span::styled(key(Command::RestYes), t.key),
        Span::raw(" Rest ja  "),
        Span::styled(key(Command::Accept), t.key),
        Span::raw(" festhalten"),
    ]));
    boxed(frame, area, "Abstimmung", Paragraph::new(lines));
}

fn attendance(frame: &mut Frame, screen: Rect, app: &App, sel: usize) {
    let t = theme();
    let area = popup(screen, 90, screen.height);
    let s = &app.session;
    let item = app.item();
    let quorum = s.quorum(item, Some(app.time()));
    let mut lines = vec![Line::styled(
        format!(
            "{} von {} Mitgliedern stimmberechtigt anwesend{} – {}",
            quorum.present,
            quorum.legal,
            item.map(|i| format!(" bei TOP {}", i.number))
                .unwrap_or_default(),
            if quorum.reached() {
                "beschlussfähig"
            } else {
                "NICHT beschlussfähig"
            }
        ),
        if quorum.reached() { t.ok } else { t.error },
    )];
    lines.push(Line::raw(""));
    let width = area.width.saturating_sub(2) as usize;
    for (i, p) in s.persons.iter().enumerate() {
        let presence = match p.presence {
            Presence::Anwesend if p.present_at(Some(app.time())) => "anwesend",
            Presence::Anwesend if p.left.is_some_and(|l| l <= app.time()) => "gegangen",
            Presence::Anwesend => "erwartet",
            Presence::Entschuldigt => "entschuldigt",
            Presence::Fehlend => "fehlt",
        };
        let mut notes = Vec::new();
        if let Some(a) = p.arrived {
            notes.push(format!("ab {}", a.hhmm()));
        }
        if let Some(l) = p.left {
            notes.push(format!("bis {}", l.hhmm()));
        }
        if item.is_some_and(|i| i.is_befangen(&p.id)) {
            notes.push("befangen".into());
        }
        let kind = match p.kind {
            crate::domain::PersonKind::Mitglied => p.fraktion.clone().unwrap_or_default(),
            crate::domain::PersonKind::Beratend => "beratend".into(),
            crate::domain::PersonKind::Verwaltung => "Verwaltung".into(),
            crate::domain::PersonKind::Gast => "Gast".into(),
        };
        let name = fit(&german::listed_name(p), 30);
        let row = fit(
            &format!(
                "{name:<30} {:<12} {presence:<12} {}",
                fit(&kind, 12),
                notes.join(", ")
            ),
            width,
        );
        let style = if i == sel { t.selected } else { Style::new() };
        lines.push(Line::styled(row, style));
    }
    let visible = area.height.saturating_sub(4) as usize;
    let offset = (sel + 2).saturating_sub(visible) as u16;
    let block = Block::bordered()
        .border_style(t.border_focus)
        .title(Span::styled(" Anwesenheit ", t.title))
        .title_bottom(Span::styled(
            " Leertaste Status · a kommt · v geht · b befangen · Esc ",
            t.key,
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((offset, 0)), area);
}

//! The motion pane: the Beschlussvorschlag as it stands, then the motions with their votes.

use crate::tui::keymap::{Command, Context, key_for};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::domain::vote::evaluate;
use crate::domain::{AgendaItem, MotionKind, TimeOf};
use crate::render::german;

use super::layers::{Confirm, EditTarget, Editor, Effect, ElectionDraft, Purpose, VoteDraft};
use super::{App, Pane, focused};
use crate::tui::theme::theme;
use crate::tui::widgets::{fit, pane_block};

/// Rows of the motion pane: the motions, plus a row for the vote on the Beschlussvorschlag
/// while that vote does not exist yet.
pub fn motion_rows(item: &AgendaItem) -> usize {
    item.motions.len() + usize::from(item.main_motion().is_none())
}

impl App {
    pub(super) fn motion_command(&mut self, command: Command) {
        let Some(item) = self.item().cloned() else {
            return;
        };
        let number = item.number.clone();
        match command {
            Command::EditProposal => {
                let text = item.resolution_text().unwrap_or_default().to_string();
                let target = EditTarget::Proposal { item: number };
                let prefix = if item.proposal.is_some() {
                    "Beschlussvorschlag (Änderung)"
                } else {
                    "Beschlussvorschlag"
                };
                self.push(Editor::new(target, &text, prefix.into()));
            }
            Command::AddAmendment => {
                self.prompt(
                    Purpose::Amendment { item: number },
                    "Änderungsantrag (Text; Antragsteller/in: wer das Wort hat)",
                    "",
                );
            }
            Command::AddMotion => {
                self.prompt(
                    Purpose::Motion { item: number },
                    "Antrag aus der Mitte (Text; Antragsteller/in: wer das Wort hat)",
                    "",
                );
            }
            Command::OnRecord => {
                let m = item.motions.get(self.sel.motion);
                match m.map(|m| (m.vote.is_some(), m.ballot.kind)) {
                    Some((true, crate::domain::BallotKind::Offen)) => self.prompt(
                        Purpose::OnRecord {
                            item: number,
                            motion: self.sel.motion,
                        },
                        "Wer bittet festzuhalten, wie er/sie gestimmt hat? („Berger nein“)",
                        "",
                    ),
                    Some((true, _)) => self.info(
                        "Diese Abstimmung steht schon mit Namen oder geheim fest.".to_string(),
                    ),
                    _ => self.info(format!(
                        "Erst abstimmen ({}), dann ein eigenes Votum festhalten.",
                        key_for(Context::Motion, Command::StartVote)
                    )),
                }
            }
            Command::AddGoMotion => self.push(crate::tui::record::layers::GoPicker::new(&number)),
            Command::AddElection => self.prompt(
                Purpose::Election { item: number },
                "Wahl: Amt, Doppelpunkt, Kandidierende („Schiedsperson: Ahrens, Brandt“)",
                "",
            ),
            Command::StartVote
                if item
                    .motions
                    .get(self.sel.motion)
                    .is_some_and(|m| m.election.is_some()) =>
            {
                self.count_election(&item, self.sel.motion);
            }
            Command::StartVote => {
                let motion = (self.sel.motion < item.motions.len()).then_some(self.sel.motion);
                let draft = VoteDraft::new(&item, motion, self.time());
                // A result on record is never replaced on a key: the question shows it first.
                match motion.and_then(|m| item.motions[m].vote) {
                    Some(v) => {
                        let question = format!(
                            "Über „{}“ ist schon abgestimmt ({}:{}:{}, {} Uhr). Neu auszählen und das \
                             Ergebnis ersetzen? ({} macht es danach rückgängig)",
                            fit(&draft.caption(&self.session, &item), 60),
                            v.yes,
                            v.no,
                            v.abstain,
                            v.at.map_or("?".into(), |t| t.hhmm()),
                            key_for(Context::Global, Command::Undo)
                        );
                        self.push(Confirm::then(question, vec![Effect::Push(Box::new(draft))]));
                    }
                    None => self.push(draft),
                }
            }
            Command::MoveUp | Command::MoveDown => {
                let from = self.sel.motion;
                let to = if command == Command::MoveDown {
                    from + 1
                } else {
                    from.wrapping_sub(1)
                };
                let kinds = (
                    item.motions.get(from).map(|m| m.kind),
                    item.motions.get(to).map(|m| m.kind),
                );
                if let (Some(a), Some(b)) = kinds
                    && a != b
                {
                    self.info(
                        "Die Folge der Arten steht fest: Anträge zur Geschäftsordnung, \
                         Änderungsanträge, dann der Antrag selbst.",
                    );
                } else if from < item.motions.len()
                    && to < item.motions.len()
                    && self.commit(vec![crate::domain::Action::MoveMotion {
                        item: number,
                        from,
                        to,
                    }])
                {
                    self.sel.motion = to;
                    self.info("Abstimmungsreihenfolge geändert: der weitestgehende Antrag zuerst.");
                }
            }
            Command::TakeNote => self.take_note(number),
            Command::SetTimes => {
                let motion = self.sel.motion;
                match item.motions.get(motion).and_then(|m| m.vote) {
                    Some(vote) => self.prompt(
                        Purpose::Times {
                            first: TimeOf::Vote {
                                item: number,
                                motion,
                            },
                            second: None,
                        },
                        "Uhrzeit der Abstimmung (z. B. 19:40)",
                        &vote.at.map(|t| t.hhmm()).unwrap_or_default(),
                    ),
                    None => self.info("Darüber ist noch nicht abgestimmt."),
                }
            }
            _ => {}
        }
    }
}

impl App {
    /// The next ballot of the election `motion`, or the lot where the votes are tied.
    fn count_election(&mut self, item: &AgendaItem, motion: usize) {
        use crate::domain::election::ElectionResult;
        let Some(election) = item.motions.get(motion).and_then(|m| m.election.as_ref()) else {
            return;
        };
        match election.result() {
            ElectionResult::Lot(tied) => {
                let names: Vec<String> = tied
                    .iter()
                    .map(|i| {
                        format!(
                            "{} {}",
                            i + 1,
                            german::candidate(&self.session, election, *i)
                        )
                    })
                    .collect();
                self.prompt(
                    Purpose::Lot {
                        item: item.number.clone(),
                        motion,
                    },
                    &format!(
                        "Das Los entscheidet für (Name oder Nr.: {})",
                        names.join(", ")
                    ),
                    "",
                );
            }
            _ => match ElectionDraft::new(&item.number, motion, election, self.time()) {
                Some(draft) => self.push(draft),
                None => self.info(format!(
                    "Die Wahl ist entschieden ({}); {} nimmt den letzten Wahlgang zurück.",
                    super::layers::election_said(&self.session, election),
                    key_for(Context::Global, Command::Undo)
                )),
            },
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme();
    let is_focused = focused(app, Pane::Motion);
    let block = pane_block("Antrag · Abstimmung".into(), is_focused);
    let inner = block.inner(area);
    let width = inner.width.max(1) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let Some(item) = app.item() else {
        frame.render_widget(Paragraph::new(lines).block(block), area);
        return;
    };
    let heading = match (&item.proposal, &item.amended_proposal) {
        (_, Some(_)) => "Geänderter Vorschlag:".to_string(),
        (Some(_), None) => "Beschlussvorschlag:".to_string(),
        (None, None) => format!("kein Beschlussvorschlag ({})", key(Command::EditProposal)),
    };
    lines.push(Line::styled(fit(&heading, width), t.title));
    // An adopted amendment changes what is voted on; its wording is still to be written in.
    if item.amended_proposal.is_none() && app.session.adopted_amendment(item) {
        lines.push(Line::styled(
            fit(
                &format!(
                    "Änderungsantrag angenommen: {} trägt den geänderten Wortlaut ein",
                    key(Command::EditProposal)
                ),
                width,
            ),
            t.warn,
        ));
    }
    let motion_rows = motion_rows(item);
    let budget = (inner.height as usize)
        .saturating_sub(motion_rows + 2)
        .clamp(1, 6);
    if let Some(text) = item.resolution_text() {
        let wrapped = crate::tui::widgets::wrap(text, width);
        let cut = wrapped.len() > budget;
        for (i, l) in wrapped.iter().take(budget).enumerate() {
            let l = if cut && i + 1 == budget {
                fit(&format!("{l} …"), width)
            } else {
                l.to_string()
            };
            lines.push(Line::raw(l));
        }
    }
    lines.push(Line::raw(""));
    for (i, m) in item.motions.iter().enumerate() {
        let kind = match m.kind {
            MotionKind::Beschlussvorschlag => "Vorschlag",
            MotionKind::Aenderungsantrag => "Änd.-Antrag",
            MotionKind::Antrag => "Antrag",
            MotionKind::Wahl => "Wahl",
            MotionKind::GoAntrag => match m.go {
                Some(go) => crate::render::german::go_kind(go),
                None => "GO-Antrag",
            },
        };
        let mover = m.mover.as_deref().map(|id| {
            app.session
                .person(id)
                .map_or(id, |p| p.family_name.as_str())
        });
        let kind = match mover {
            Some(mover) => format!("{kind} {mover}"),
            None => kind.to_string(),
        };
        let kind = match &m.election {
            Some(e) => format!("Wahl {}", e.office),
            None => kind,
        };
        let result = match (&m.election, m.vote) {
            (Some(e), _) => {
                use crate::domain::election::ElectionResult as R;
                match e.result() {
                    R::Open => " offen".to_string(),
                    R::Elected { candidate, .. } => {
                        let c = e.candidates.get(candidate).cloned().unwrap_or_default();
                        let name = app.session.person(&c).map_or(c, |p| p.family_name.clone());
                        format!(" ✓ {name}")
                    }
                    R::RunOff(_) => " Stichwahl".to_string(),
                    R::Lot(_) => " Los".to_string(),
                    R::NotElected => " ✗".to_string(),
                }
            }
            (None, Some(v)) => {
                let passed = evaluate(&v, m.majority, app.session.basis(Some(item), v.at)).passed;
                format!(
                    " {}:{}:{} {}",
                    v.yes,
                    v.no,
                    v.abstain,
                    if passed { "✓" } else { "✗" }
                )
            }
            (None, None) => " offen".to_string(),
        };
        let label = fit(&kind, width.saturating_sub(result.width() + 3));
        let pad = width.saturating_sub(result.width() + 3 + label.width());
        // The selected row is marked also while another pane has the keys: `v` votes on it.
        let selected = app.sel.motion == i;
        let mark = if selected { "▸" } else { " " };
        let line = Line::raw(format!(
            "{mark}{:<2}{label}{}{result}",
            i + 1,
            " ".repeat(pad)
        ));
        lines.push(if selected && is_focused {
            line.style(t.selected)
        } else {
            line
        });
    }
    if item.main_motion().is_none() {
        let selected = app.sel.motion == item.motions.len();
        let mark = if selected { "▸" } else { " " };
        let line = Line::raw(fit(
            &format!(
                "{mark}  Abstimmung über den Beschlussvorschlag ({})",
                key(Command::StartVote)
            ),
            width,
        ));
        lines.push(if selected && is_focused {
            line.style(t.selected)
        } else {
            line.style(t.muted)
        });
    }
    // The selected motion's own text (an amendment's wording), as far as there is room.
    if let Some(m) = item
        .motions
        .get(app.sel.motion)
        .filter(|m| is_focused && !m.text.is_empty())
    {
        let room = (inner.height as usize)
            .saturating_sub(lines.len() + 1 + usize::from(item.outcome.is_some()));
        for l in crate::tui::widgets::wrap(&m.text, width)
            .into_iter()
            .take(room)
        {
            lines.push(Line::styled(l.into_owned(), t.muted));
        }
    }
    if let Some(o) = item.outcome {
        lines.push(Line::styled(
            fit(&format!("Beschluss: {}", german::outcome(o)), width),
            t.ok,
        ));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The key of a command of this pane, as the table binds it.
fn key(command: Command) -> String {
    key_for(Context::Motion, command)
}

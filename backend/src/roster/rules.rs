//! The enrolment state machine (pure): the one table of allowed transitions,
//! which statuses block a new enrolment, which groups take placements, free
//! seats. Every domain that changes an enrolment's status goes through it.

use va_openapi::enrolment::EnrolmentStatus as S;
use va_openapi::reference::GroupStatus;

/// What can happen to an enrolment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    Submit,
    Approve,
    Reject,
    Return,
    Allocate,
    Move,
    Waitlist,
    Withdraw,
    /// The group closed and the completion rule was met.
    Complete,
    /// The group closed and the completion rule was not met.
    NotComplete,
    /// BEL cancelled the group: its participants go back to the waiting list.
    GroupCancelled,
}

impl Event {
    pub const ALL: [Event; 11] = [
        Event::Submit,
        Event::Approve,
        Event::Reject,
        Event::Return,
        Event::Allocate,
        Event::Move,
        Event::Waitlist,
        Event::Withdraw,
        Event::Complete,
        Event::NotComplete,
        Event::GroupCancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Event::Submit => "submit",
            Event::Approve => "approve",
            Event::Reject => "reject",
            Event::Return => "return",
            Event::Allocate => "allocate",
            Event::Move => "move",
            Event::Waitlist => "waitlist",
            Event::Withdraw => "withdraw",
            Event::Complete => "complete",
            Event::NotComplete => "not_complete",
            Event::GroupCancelled => "group_cancelled",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IllegalTransition {
    pub from: S,
    pub event: Event,
}

impl std::fmt::Display for IllegalTransition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not allowed for an enrolment that is {}", self.event.as_str(), self.from.as_str())
    }
}

/// The one table of allowed transitions.
pub fn transition(from: S, event: Event) -> Result<S, IllegalTransition> {
    use Event::*;
    let to = match (from, event) {
        (S::Draft | S::Returned, Submit) => S::Submitted,
        (S::Submitted, Approve) => S::Approved,
        (S::Submitted, Reject) => S::Rejected,
        (S::Submitted, Return) => S::Returned,
        (S::Approved | S::Waitlisted, Allocate) => S::Placed,
        (S::Placed, Move) => S::Placed,
        (S::Approved, Waitlist) => S::Waitlisted,
        (S::Draft | S::Submitted | S::Returned | S::Approved | S::Waitlisted | S::Placed, Withdraw) => S::Withdrawn,
        (S::Placed, Complete) => S::Trained,
        (S::Placed, NotComplete) => S::NotCompleted,
        (S::Placed, GroupCancelled) => S::Waitlisted,
        _ => return Err(IllegalTransition { from, event }),
    };
    Ok(to)
}

/// Does an enrolment in this status block a new enrolment of the same professional
/// in the same programme? Rejected, withdrawn and not completed ones do not.
pub fn is_active(s: S) -> bool {
    !matches!(s, S::Rejected | S::Withdrawn | S::NotCompleted)
}

/// Groups that still take participants (a running one only as an explicit late entry).
pub fn group_accepts_placements(status: GroupStatus) -> bool {
    matches!(status, GroupStatus::Planned | GroupStatus::Open | GroupStatus::Running)
}

/// Free seats; never negative, even if capacity was lowered below the seats taken.
pub fn free_seats(capacity: i32, taken: i32) -> i32 {
    (capacity - taken).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ALLOWED: &[(S, Event, S)] = &[
        (S::Draft, Event::Submit, S::Submitted),
        (S::Returned, Event::Submit, S::Submitted),
        (S::Submitted, Event::Approve, S::Approved),
        (S::Submitted, Event::Reject, S::Rejected),
        (S::Submitted, Event::Return, S::Returned),
        (S::Approved, Event::Allocate, S::Placed),
        (S::Waitlisted, Event::Allocate, S::Placed),
        (S::Placed, Event::Move, S::Placed),
        (S::Approved, Event::Waitlist, S::Waitlisted),
        (S::Draft, Event::Withdraw, S::Withdrawn),
        (S::Submitted, Event::Withdraw, S::Withdrawn),
        (S::Returned, Event::Withdraw, S::Withdrawn),
        (S::Approved, Event::Withdraw, S::Withdrawn),
        (S::Waitlisted, Event::Withdraw, S::Withdrawn),
        (S::Placed, Event::Withdraw, S::Withdrawn),
        (S::Placed, Event::Complete, S::Trained),
        (S::Placed, Event::NotComplete, S::NotCompleted),
        (S::Placed, Event::GroupCancelled, S::Waitlisted),
    ];

    #[test]
    fn every_allowed_transition_works_and_every_other_is_refused() {
        for from in S::ALL {
            for event in Event::ALL {
                let expected = ALLOWED.iter().find(|(f, e, _)| *f == from && *e == event).map(|(_, _, to)| *to);
                match (transition(from, event), expected) {
                    (Ok(to), Some(exp)) => assert_eq!(to, exp, "{from:?} {event:?}"),
                    (Err(err), None) => assert_eq!(err, IllegalTransition { from, event }),
                    (got, exp) => panic!("{from:?} {event:?}: got {got:?}, expected {exp:?}"),
                }
            }
        }
    }

    #[test]
    fn approving_twice_allocating_a_rejected_and_withdrawing_twice_are_refused() {
        assert!(transition(S::Approved, Event::Approve).is_err());
        assert!(transition(S::Rejected, Event::Allocate).is_err());
        assert!(transition(S::Withdrawn, Event::Withdraw).is_err());
    }

    #[test]
    fn closed_groups_take_no_placements() {
        assert!(group_accepts_placements(GroupStatus::Open));
        assert!(!group_accepts_placements(GroupStatus::Completed));
        assert!(!group_accepts_placements(GroupStatus::Cancelled));
    }

    fn any_status() -> impl Strategy<Value = S> {
        prop::sample::select(S::ALL.to_vec())
    }
    fn any_event() -> impl Strategy<Value = Event> {
        prop::sample::select(Event::ALL.to_vec())
    }

    proptest! {
        /// Whatever happens, a withdrawn or rejected enrolment never comes back
        /// and a placement only ever comes from approved or waitlisted.
        #[test]
        fn terminal_states_stay_terminal(start in any_status(), events in prop::collection::vec(any_event(), 0..30)) {
            let mut s = start;
            for e in events {
                if let Ok(next) = transition(s, e) {
                    prop_assert!(!matches!(s, S::Withdrawn | S::Rejected | S::Trained | S::NotCompleted));
                    if next == S::Placed && s != S::Placed {
                        prop_assert!(matches!(s, S::Approved | S::Waitlisted));
                    }
                    s = next;
                }
            }
        }

        #[test]
        fn free_seats_are_never_negative_and_add_up(capacity in 0i32..100, taken in 0i32..150) {
            let free = free_seats(capacity, taken);
            prop_assert!(free >= 0);
            if taken <= capacity {
                prop_assert_eq!(free + taken, capacity);
            }
        }
    }
}

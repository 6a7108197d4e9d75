//! Work off the UI thread: first the search index of the library, then the extraction of every
//! article in turn, the ones the reader asks for first. Results come back as [`Event`]s.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread;

use super::app::Event;
use crate::article::Article;
use crate::extract;
use crate::search::Index;

/// Handle to the extraction thread (it ends when the reader drops its receiver or this handle).
pub struct Worker {
    ask: Sender<usize>,
}

impl Worker {
    /// Starts extracting `articles`, sending each result on `out`.
    pub fn spawn(articles: Arc<Vec<Article>>, out: Sender<Event>) -> Worker {
        let (ask, asked) = channel();
        thread::Builder::new()
            .name("sahifa-extract".into())
            .spawn(move || work(&articles, &asked, &out))
            .map(|_| ())
            .unwrap_or_else(|e| crate::report::warn(format!("cannot start the extraction thread: {e}")));
        Worker { ask }
    }

    /// Moves article `i` to the front of the queue.
    pub fn prioritise(&self, i: usize) {
        let _ = self.ask.send(i);
    }
}

fn work(articles: &[Article], asked: &Receiver<usize>, out: &Sender<Event>) {
    if out.send(Event::Indexed(Arc::new(Index::build(articles)))).is_err() {
        return;
    }
    let mut done = vec![false; articles.len()];
    let mut queue: VecDeque<usize> = (0..articles.len()).collect();
    loop {
        loop {
            match asked.try_recv() {
                Ok(i) if i < articles.len() => queue.push_front(i),
                Ok(_) => {}
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => break,
            }
        }
        let Some(i) = queue.pop_front() else {
            // Everything is done: wait for a request (or the reader to go away).
            match asked.recv() {
                Ok(i) if i < articles.len() => {
                    queue.push_back(i);
                    continue;
                }
                Ok(_) => continue,
                Err(_) => return,
            }
        };
        if std::mem::replace(&mut done[i], true) {
            continue;
        }
        let ex = Arc::new(extract::extract(&articles[i]));
        if out.send(Event::Extracted(i, ex)).is_err() {
            return;
        }
    }
}

//! Arabic-aware matching (hamza forms, ى/ي, ة/ه, harakat, clitics) and the cross-article index.

"""The full-screen app and everything only it uses: screens, widgets, the session, the
keymap, undo, the week computed ahead, the app's side of sync, the stylesheet."""

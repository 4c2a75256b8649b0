"use client";

import { Component, type ReactNode } from "react";

/**
 * Keeps a failing embed from taking the article down with it: the reader sees a short message
 * in its place and the prose around it stays.
 */
export class EmbedBoundary extends Component<{ name: string; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <p role="status" className="my-6 rounded-lg border border-red-300 px-4 py-3 text-sm text-red-800 dark:border-red-800 dark:text-red-300">
        The {this.props.name} could not be shown. Reload the page to try again.
      </p>
    );
  }
}

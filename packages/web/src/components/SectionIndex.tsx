import { useEffect, useState } from 'react';
import { FloatButton, Tag } from 'antd';
import { UnorderedListOutlined } from '@ant-design/icons';

interface Section {
  el: HTMLElement;
  title: string;
}

function readSections(root: HTMLElement, selector: string): Section[] {
  return [...root.querySelectorAll<HTMLElement>(selector)]
    .map((el) => ({ el, title: (el.querySelector('.ant-card-head-title')?.textContent ?? '').replace(/（\d+）$/, '').trim() }))
    .filter((s) => s.title);
}

/**
 * 本页目录: the titled cards of a long page as a wrapping row of links, and a button back to it. The sections are
 * read from the page (cards matching `selector` inside `rootId`), so a page adds or removes sections freely.
 */
export function SectionIndex({ rootId, selector = '.case-section' }: { rootId: string; selector?: string }) {
  const [sections, setSections] = useState<Section[]>([]);
  useEffect(() => {
    const root = document.getElementById(rootId);
    if (!root) return;
    const update = () => {
      const next = readSections(root, selector);
      setSections((prev) => (prev.length === next.length && prev.every((s, i) => s.el === next[i]!.el && s.title === next[i]!.title) ? prev : next));
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [rootId, selector]);
  if (sections.length < 4) return null;
  return (
    <nav className="section-index" id={`${rootId}-index`} aria-label="本页目录" data-testid="section-index">
      <span className="section-index-label">本页目录</span>
      {sections.map((s, i) => (
        <Tag.CheckableTag key={i} checked={false} onChange={() => s.el.scrollIntoView({ behavior: 'smooth', block: 'start' })}>
          {s.title}
        </Tag.CheckableTag>
      ))}
      <FloatButton icon={<UnorderedListOutlined />} tooltip="本页目录" onClick={() => document.getElementById(`${rootId}-index`)?.scrollIntoView({ behavior: 'smooth', block: 'start' })} />
    </nav>
  );
}

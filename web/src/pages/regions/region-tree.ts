/** The lazily loaded region tree as Ant Design Tree data. */
import { fetchAll } from '../../api/client.ts';
import type { Region } from '../../api/types.ts';

export interface RegionNode {
  key: string;
  title: string;
  isLeaf: boolean;
  region: Region;
  children?: RegionNode[];
}

export const toNode = (r: Region): RegionNode => ({ key: r.code, title: r.name, isLeaf: !r.hasChildren, region: r });

export async function loadChildren(parent: string | null): Promise<RegionNode[]> {
  const { items } = await fetchAll<Region>('/regions', parent ? { parent } : {}, 5000);
  return items.map(toNode);
}

export function setChildren(nodes: RegionNode[], key: string, children: RegionNode[]): RegionNode[] {
  return nodes.map((n) => {
    if (n.key === key) return { ...n, children, isLeaf: children.length === 0 };
    if (n.children) return { ...n, children: setChildren(n.children, key, children) };
    return n;
  });
}

export function findNode(nodes: RegionNode[], key: string): RegionNode | undefined {
  for (const n of nodes) {
    if (n.key === key) return n;
    const hit = n.children && findNode(n.children, key);
    if (hit) return hit;
  }
  return undefined;
}

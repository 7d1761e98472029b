/** Class names of a hast element (its `className` property), as strings. */
import type { Element } from 'hast';

export function classesOf(element: Element): string[] {
  const classes = element.properties.className;
  return Array.isArray(classes) ? classes.map(String) : [];
}

export function hasClass(element: Element, name: string): boolean {
  // Asked of every element in the print's walks over the edition: no array is made.
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.some((c) => String(c) === name);
}

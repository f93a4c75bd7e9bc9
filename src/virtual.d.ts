// The virtual modules of src/integration/overrides.ts: each component is feedshelf's own or the
// site's replacement, with the same props.
declare module 'virtual:feedshelf/components/Header' {
  const Header: typeof import('./components/Header.astro').default;
  export default Header;
}
declare module 'virtual:feedshelf/components/Footer' {
  const Footer: typeof import('./components/Footer.astro').default;
  export default Footer;
}
declare module 'virtual:feedshelf/components/ItemList' {
  const ItemList: typeof import('./components/ItemList.astro').default;
  export default ItemList;
}
declare module 'virtual:feedshelf/custom-css' {}

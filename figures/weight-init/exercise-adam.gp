# exercise-adam.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot exercise-adam.gp                  writes exercise-adam.png and exercise-adam.svg
#   gnuplot -c exercise-adam.gp terminal      draws it in the terminal
#   gnuplot -c exercise-adam.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'exercise-adam.png'
svg_file = (ARGC > 2) ? ARG3 : 'exercise-adam.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 800,560 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 800,560 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 100,30 noenhanced; set output }
  set multiplot layout 1,1
  # — panel 'Exercise 3: does Adam rescue the σ = 0.01 start?' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Exercise 3: does Adam rescue the σ = 0.01 start?'; set xlabel 'iterations'; set ylabel 'smoothed loss'
  set xrange [0:2000]; set yrange [0:2.5]
  set format x '% h'
  set format y '% h'
  set key default; set key right center opaque
  plot 'mnist-loss.dat' using 1:5 with lines lw 1.5 title 'std=0.01, SGD', \
       'exercise-adam.dat' using 1:3 with lines lw 1.5 title 'std=0.01, Adam', \
       'mnist-loss.dat' using 1:7 with lines lw 1.5 dt 2 title 'He, SGD'
  unset multiplot
  set output
}
